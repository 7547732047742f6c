using System.Collections.Frozen;

namespace Conflicto.Processing.Enrichment;

/// <summary>
/// Small word lists of the supported languages: the most frequent function words (language
/// detection, topic tags) and a sentiment lexicon. Lower case, written as spoken, marks included.
/// </summary>
internal static class Lexicons
{
    public static readonly string[] Languages = ["en", "de", "fr", "es", "nl", "it", "pt"];

    public static readonly FrozenDictionary<string, FrozenSet<string>> StopWords = Sets(new()
    {
        ["en"] = "a about above after again against all also am an and any are as at be because been before being below between both but by can "
            + "could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its "
            + "itself just me more most my myself no nor not now of off on once only or other our ours out over own same she should so some such than "
            + "that the their theirs them then there these they this those through to too under until up very was we were what when where which while "
            + "who whom why will with would you your yours it's i'm don't isn't that's what's can't won't doesn't didn't i've we're they're you're let's there's",
        ["de"] = "aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bin bis bist da damit dann das dass dein deine "
            + "dem den denn der des dich die dies diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines er es etwas "
            + "euch euer für gegen gibt hab habe haben hat hatte hier hin ich ihm ihn ihr ihre im in ins ist ja jede jeder jetzt kann kein keine können "
            + "man mein meine mich mir mit muss nach nicht nichts noch nun nur ob oder ohne schon sehr sein seine sich sie sind so soll über um und uns "
            + "unser unter viel vom von vor war waren warum was weil welche wenn wer werden wie wieder wir wird wo zu zum zur",
        ["fr"] = "à au aux avec ce ces cette c ça dans de des du d elle elles en est et été être eu il ils je j l la le les leur lui ma mais me même "
            + "mes moi mon ne n nos notre nous on ou où par pas pour qu que qui quel quelle quoi sa sans se ses si son sont sur ta te tes toi ton tu un "
            + "une vos votre vous y très plus aussi comme tout tous bien fait faire peut avoir ai a comment pourquoi quand",
        ["es"] = "a al algo algunos ante como cómo con contra cual cuál cuando cuándo de del desde donde dónde dos el él ella ellas ellos en entre era "
            + "es esa ese eso esta está están este esto estos fue ha hay la las le les lo los más me mi mis muy nada ni no nos nosotros o os otra otro "
            + "para pero poco por porque qué que quien se ser si sí sin sobre son su sus también te tiene tienen todo todos tu tú un una uno unos y ya yo",
        ["nl"] = "aan al alle als ben bij dan dat de deze die dit doen door dus een en er geen had heb hebben heeft hem het hier hij hoe hun ik in is "
            + "je jij jou jouw kan kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om ons onze ook op over te tegen toch tot u "
            + "uit uw van veel voor want waren was wat we wel welk welke wie waar waarom wij wil worden wordt zal ze zich zij zijn zo zou",
        ["it"] = "a ad al alla alle anche che chi ci come con cosa da dal dalla dei del della delle di dove e è ed era gli ha hai hanno ho i il in io "
            + "la le lei li lo loro lui ma mi mia mio molto ne nei nel nella noi non o per perché più qual quale quando quella quello questa questo qui "
            + "se sei si sia sono su sua suo sul sulla ti tra tu tutti tutto un una uno vi voi già dell all nell sull",
        ["pt"] = "a ao aos as à às com como da das de dela dele do dos e é ela elas ele eles em entre era essa esse esta está estão este eu foi há "
            + "isso isto já lhe mais mas me meu minha muito na nas não nem no nos nós o os ou para pela pelo por porque qual quando que quem se sem "
            + "ser seu sua são também te tem tu um uma você vocês",
    });

    public static readonly FrozenSet<string> AllStopWords = StopWords.Values.SelectMany(s => s).ToFrozenSet(StringComparer.Ordinal);

    // Comparatives and superlatives ("best", "mejor") are left out: "What is the best way to…?"
    // is a question, not praise.
    public static readonly FrozenDictionary<string, FrozenSet<string>> Positive = Sets(new()
    {
        ["en"] = "good great excellent amazing awesome love loved lovely liked nice happy helpful useful fantastic wonderful brilliant perfect "
            + "enjoy enjoyed fun clear interesting cool thanks thank glad beautiful inspiring impressive insightful outstanding superb",
        ["de"] = "gut gute guter gutes super toll tolle großartig hervorragend ausgezeichnet prima schön schöne liebe mag gefällt spannend "
            + "interessant hilfreich nützlich klar perfekt danke genial",
        ["fr"] = "bon bonne bons bien super génial géniale excellent excellente magnifique parfait parfaite aime adore intéressant intéressante "
            + "utile clair claire merci formidable heureux top",
        ["es"] = "bueno buena buenos bien genial excelente fantástico maravilloso perfecto encanta gusta interesante útil claro gracias feliz increíble",
        ["nl"] = "goed goede geweldig super mooi leuk fijn prima uitstekend fantastisch interessant nuttig duidelijk bedankt blij perfect",
        ["it"] = "buono buona bene ottimo ottima fantastico bellissimo bello bella perfetto adoro piace interessante utile chiaro grazie felice magnifico",
        ["pt"] = "bom boa bem ótimo ótima excelente fantástico maravilhoso perfeito adoro gosto gostei interessante útil claro obrigado obrigada feliz incrível",
    });

    public static readonly FrozenDictionary<string, FrozenSet<string>> Negative = Sets(new()
    {
        ["en"] = "bad terrible awful horrible hate hated boring poor worst worse useless confusing confused slow sad angry annoying "
            + "disappointing disappointed wrong broken difficult ugly fail failed failure stupid pointless waste",
        ["de"] = "schlecht schlechte schrecklich furchtbar langweilig hasse doof blöd nutzlos verwirrend enttäuschend enttäuscht falsch kaputt "
            + "schwierig traurig ärgerlich schlimm schlechteste schlechter",
        ["fr"] = "mauvais mauvaise mal nul nulle horrible terrible ennuyeux ennuyeuse déteste inutile confus décevant décevante difficile triste pire lent",
        ["es"] = "malo mala malos mal terrible horrible aburrido odio inútil confuso decepcionante difícil triste peor lento fatal",
        ["nl"] = "slecht slechte verschrikkelijk vreselijk saai haat nutteloos verwarrend teleurstellend moeilijk verdrietig slechtste traag",
        ["it"] = "cattivo cattiva terribile orribile noioso odio inutile confuso deludente difficile triste peggiore lento brutto",
        ["pt"] = "mau má mal ruim terrível horrível chato odeio inútil confuso decepcionante difícil triste pior lento",
    });

    /// <summary>Words that turn the sentiment of the next words around ("not good"). English also negates with any "-n't".</summary>
    public static readonly FrozenDictionary<string, FrozenSet<string>> Negators = Sets(new()
    {
        ["en"] = "not no never nobody nothing neither nor cannot without hardly",
        ["de"] = "nicht kein keine keinen keinem keiner nie niemals ohne kaum",
        ["fr"] = "ne n pas jamais aucun aucune sans rien guère",
        ["es"] = "no nunca jamás tampoco ni sin nada",
        ["nl"] = "niet geen nooit zonder nauwelijks",
        ["it"] = "non mai nessun nessuno nessuna senza né",
        ["pt"] = "não nunca jamais nem sem nenhum nenhuma",
    });

    /// <summary>Words that make the next sentiment word count more ("very good").</summary>
    public static readonly FrozenDictionary<string, FrozenSet<string>> Intensifiers = Sets(new()
    {
        ["en"] = "very really so extremely absolutely totally",
        ["de"] = "sehr wirklich total echt",
        ["fr"] = "très vraiment trop",
        ["es"] = "muy realmente",
        ["nl"] = "heel erg zeer echt",
        ["it"] = "molto davvero veramente",
        ["pt"] = "muito realmente",
    });

    /// <summary>The union over every language: the lexicon used when the language is unknown.</summary>
    public static FrozenSet<string> All(FrozenDictionary<string, FrozenSet<string>> lexicon) =>
        lexicon.Values.SelectMany(s => s).ToFrozenSet(StringComparer.Ordinal);

    private static FrozenDictionary<string, FrozenSet<string>> Sets(Dictionary<string, string> words) =>
        words.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
}
