-- Indexes active activities by expiry so the expiry sweeper finds due ones without a scan.
create index activities_expiry_idx on activities (expires_at) where state = 'active' and expires_at is not null;
