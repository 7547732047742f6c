using Conflicto.Processing.Quiz;

namespace Conflicto.Tests.Unit.Processing.Quiz;

public sealed class QuizScoringTests
{
    private static readonly QuizDefinition Quiz = QuizTestData.Definition();

    [Theory]
    [InlineData(0, 1000)]        // instant: everything
    [InlineData(10_000, 750)]    // half the time: three quarters
    [InlineData(20_000, 500)]    // at the deadline: half
    [InlineData(60_000, 500)]    // never less than half for a correct answer
    public void SpeedPoints_FallFromBaseToHalfOverTheTimeLimit(long elapsedMs, int expected) =>
        Assert.Equal(expected, QuizScoring.SpeedPoints(Quiz, Quiz.Questions[0], elapsedMs));

    [Fact]
    public void SpeedPoints_WithoutSpeedScoring_AreTheBase()
    {
        var flat = Quiz with { SpeedScoring = false };
        Assert.Equal(1000, QuizScoring.SpeedPoints(flat, flat.Questions[0], 19_000));
    }

    [Fact]
    public void EffectiveElapsed_BelievesAnHonestClaimWithinTheNetworkBounds()
    {
        // The server saw 3,000 ms from sending to the answer arriving; the round trip is 400 ms:
        // the participant took between 2,600 and 3,000 ms. A claim of 2,750 is believed.
        Assert.Equal(2750, QuizScoring.EffectiveElapsedMs(2750, 3000, 400));
    }

    [Fact]
    public void EffectiveElapsed_ClientClaimingToBeFasterThanTheNetworkAllowed_IsMovedUpToTheBound()
    {
        // The liar says 50 ms after a question that took the server 3,000 ms round trip to see answered.
        Assert.Equal(2600, QuizScoring.EffectiveElapsedMs(50, 3000, 400));
        Assert.Equal(3000, QuizScoring.EffectiveElapsedMs(0, 3000, 0));
    }

    [Fact]
    public void EffectiveElapsed_ClaimSlowerThanObserved_IsCappedAtWhatTheServerSaw() =>
        Assert.Equal(3000, QuizScoring.EffectiveElapsedMs(9000, 3000, 400));

    [Fact]
    public void EffectiveElapsed_WithoutClaim_IsTheServersOwnMeasure() =>
        Assert.Equal(3000, QuizScoring.EffectiveElapsedMs(null, 3000, 400));

    [Fact]
    public void EffectiveElapsed_SlowPhone_IsNotChargedForItsNetwork()
    {
        // A slow phone: 1,500 ms round trip, the participant tapped 1,000 ms after the question showed.
        // The server saw 2,500 ms; the phone's own 1,000 ms is within [1,000, 2,500] and counts.
        Assert.Equal(1000, QuizScoring.EffectiveElapsedMs(1000, 2500, 1500));
        Assert.True(QuizScoring.SpeedPoints(Quiz, Quiz.Questions[0], 1000) > QuizScoring.SpeedPoints(Quiz, Quiz.Questions[0], 2500));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 100)]
    [InlineData(4, 300)]
    [InlineData(6, 500)]
    [InlineData(12, 500)] // capped at five steps
    public void StreakBonus_GrowsPerConsecutiveCorrectAnswerUpToFiveSteps(int streak, int bonus) =>
        Assert.Equal(bonus, QuizScoring.StreakBonus(Quiz, streak));
}
