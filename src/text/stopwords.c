/*
 * stopwords.c — per-language stopword lists and cr_is_stopword().
 *
 * A stopword here is a function word: an article, pronoun, auxiliary or
 * modal verb form, preposition, conjunction, determiner or common adverb —
 * the words that say how a sentence is built rather than what it is about.
 * Numerals are left out (numbers matter when outlets disagree), and so is a
 * function word whose folded form is also a common content word in news:
 * English "us" folds like "US", Turkish "kim" like the Korean name Kim,
 * Turkish "şu" like "su" (water), Hungarian "ők" like "ok" (reason),
 * Danish "måske" like "maske" (mask), and the Scandinavian "får" like "far"
 * (father).
 *
 * The lists were written for crossread. They hold words as they come out of
 * cr_fold(): lowercase, NFKC, diacritics stripped — German "für" is "fur",
 * French "été" is "ete", Russian "её" is "ее" and "мой" is "мои", since
 * stripping marks takes the breve off "й". Letters that carry no
 * separable mark (Polish "ł", Danish and Norwegian "ø" and "æ", Turkish
 * "ı") survive folding; words with them are listed both as folded and in
 * the ASCII spelling people type without them ("był" and "byl"), and the
 * Russian list also keeps the "й" spellings, so a fold that keeps either
 * still matches.
 *
 * Each list is a sorted array searched by bisection; strcmp() order is
 * byte order, which is what compare_key() below uses on the
 * length-delimited word. tests/unit/test_stopwords.c checks that every
 * list is strictly sorted and in folded form.
 */
#include "text/stopwords.h"

#include <string.h>

#include "util/util.h"

/* Danish. */
static const char *const sw_da[] = {
    "af", "aldrig", "alle", "allerede", "alt", "altid", "altsa", "anden",
    "andet", "andre", "at", "bag", "blandt", "blev", "blevet", "blive",
    "bliver", "blot", "da", "de", "dem", "den", "denne", "dens", "der",
    "deres", "derfor", "det", "dets", "dette", "dig", "din", "dine", "disse",
    "dit", "dog", "du", "efter", "eller", "en", "end", "endnu", "er", "et",
    "flere", "for", "foran", "fordi", "fra", "før", "ganske", "gennem",
    "haft", "ham", "han", "hans", "har", "havde", "have", "helt", "hende",
    "hendes", "her", "hos", "hun", "hvad", "hvem", "hver", "hvert", "hvilke",
    "hvilken", "hvilket", "hvis", "hvor", "hvordan", "hvorfor", "hvornar",
    "i", "ifolge", "ifølge", "igen", "ikke", "ind", "ingen", "intet", "ja",
    "jeg", "jer", "jeres", "jo", "kan", "kun", "kunne", "lige", "ma", "man",
    "mange", "matte", "med", "meget", "mellem", "men", "mens", "mere", "mest",
    "mig", "min", "mine", "mit", "mod", "nar", "ned", "nej", "nogen", "noget",
    "nogle", "nok", "nu", "og", "ogsa", "om", "omkring", "op", "os", "over",
    "pa", "sa", "sadan", "sadanne", "samme", "selv", "siden", "sig", "sin",
    "sine", "sit", "skal", "skulle", "som", "til", "trods", "ud", "uden",
    "under", "vaere", "vaeret", "var", "ved", "vi", "vil", "ville", "vores",
    "være", "været",
};

/* German. */
static const char *const sw_de[] = {
    "ab", "aber", "alle", "allem", "allen", "aller", "alles", "als", "also",
    "am", "an", "andere", "anderen", "anderer", "anderes", "ans", "auch",
    "auf", "aus", "bei", "beide", "beiden", "beim", "bereits", "bin", "bis",
    "bisher", "bist", "da", "dabei", "dadurch", "dafur", "dagegen", "daher",
    "damals", "damit", "dann", "daran", "darauf", "darin", "darum", "das",
    "dass", "davon", "dazu", "dein", "deine", "deinem", "deinen", "deiner",
    "dem", "den", "denen", "denn", "dennoch", "der", "deren", "des",
    "deshalb", "dessen", "dich", "die", "dies", "diese", "diesem", "diesen",
    "dieser", "dieses", "dir", "doch", "dort", "du", "durch", "eben",
    "ebenfalls", "ein", "eine", "einem", "einen", "einer", "eines", "einige",
    "einigen", "einiger", "einmal", "er", "es", "etwa", "etwas", "euch",
    "euer", "eure", "fur", "gar", "gegen", "gewesen", "habe", "haben", "hast",
    "hat", "hatte", "hatten", "hier", "hin", "hinter", "ich", "ihm", "ihn",
    "ihnen", "ihr", "ihre", "ihrem", "ihren", "ihrer", "ihres", "im", "immer",
    "in", "ins", "ist", "ja", "je", "jede", "jedem", "jeden", "jeder",
    "jedes", "jedoch", "jene", "jenem", "jenen", "jener", "jenes", "jetzt",
    "kann", "kannst", "kein", "keine", "keinem", "keinen", "keiner", "keines",
    "konnen", "konnte", "konnten", "laut", "man", "manche", "manchen",
    "mancher", "mehr", "mehrere", "mein", "meine", "meinem", "meinen",
    "meiner", "mich", "mir", "mit", "muss", "mussen", "musst", "musste",
    "mussten", "nach", "neben", "nicht", "nichts", "noch", "nun", "nur", "ob",
    "obwohl", "oder", "ohne", "schon", "sehr", "sei", "seien", "sein",
    "seine", "seinem", "seinen", "seiner", "seines", "seit", "selbst", "sich",
    "sie", "sind", "so", "sodass", "sogar", "solche", "solchem", "solchen",
    "solcher", "soll", "sollen", "sollte", "sollten", "sondern", "sowie",
    "sowohl", "trotz", "uber", "um", "und", "uns", "unser", "unsere",
    "unserem", "unseren", "unserer", "unter", "viel", "viele", "vielen",
    "vom", "von", "vor", "wahrend", "war", "ware", "waren", "warum", "was",
    "weder", "wegen", "weil", "welche", "welchem", "welchen", "welcher",
    "welches", "wem", "wen", "wenn", "wer", "werde", "werden", "wessen",
    "wie", "wieder", "will", "wir", "wird", "wo", "wohl", "wollen", "wollte",
    "wollten", "worden", "wurde", "wurden", "zu", "zudem", "zum", "zur",
    "zwar", "zwischen",
};

/* English. */
static const char *const sw_en[] = {
    "a", "about", "above", "across", "after", "again", "against", "all",
    "almost", "along", "already", "also", "although", "always", "am", "amid",
    "among", "an", "and", "another", "any", "anybody", "anyone", "anything",
    "are", "aren't", "around", "as", "at", "be", "because", "been", "before",
    "being", "below", "beneath", "beside", "besides", "between", "beyond",
    "both", "but", "by", "can", "can't", "cannot", "could", "couldn't", "did",
    "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during",
    "each", "either", "else", "enough", "even", "ever", "every", "everybody",
    "everyone", "everything", "few", "for", "from", "further", "had",
    "hadn't", "has", "hasn't", "have", "haven't", "having", "he", "he'd",
    "he'll", "he's", "her", "here", "here's", "hers", "herself", "him",
    "himself", "his", "how", "however", "i", "i'd", "i'll", "i'm", "i've",
    "if", "in", "inside", "into", "is", "isn't", "it", "it'd", "it'll",
    "it's", "its", "itself", "just", "least", "less", "let's", "many", "may",
    "me", "might", "more", "most", "much", "must", "mustn't", "my", "myself",
    "neither", "no", "nobody", "none", "nor", "not", "nothing", "now", "of",
    "off", "often", "on", "once", "only", "onto", "or", "other", "others",
    "otherwise", "ought", "our", "ours", "ourselves", "out", "outside",
    "over", "own", "per", "perhaps", "quite", "rather", "same", "several",
    "shall", "shan't", "she", "she'd", "she'll", "she's", "should",
    "shouldn't", "since", "so", "some", "somebody", "someone", "something",
    "sometimes", "still", "such", "than", "that", "that's", "the", "their",
    "theirs", "them", "themselves", "then", "there", "there's", "therefore",
    "these", "they", "they'd", "they'll", "they're", "they've", "this",
    "those", "though", "through", "throughout", "thus", "to", "too", "toward",
    "towards", "under", "unless", "until", "up", "upon", "very", "via", "was",
    "wasn't", "we", "we'd", "we'll", "we're", "we've", "were", "weren't",
    "what", "what's", "whatever", "when", "whenever", "where", "where's",
    "whereas", "wherever", "whether", "which", "whichever", "while", "who",
    "who's", "whoever", "whom", "whose", "why", "will", "with", "within",
    "without", "won't", "would", "wouldn't", "yet", "you", "you'd", "you'll",
    "you're", "you've", "your", "yours", "yourself", "yourselves",
};

/* Spanish. */
static const char *const sw_es[] = {
    "a", "ahi", "ahora", "al", "algo", "alguien", "algun", "alguna",
    "algunas", "alguno", "algunos", "alli", "ante", "antes", "aquel",
    "aquella", "aquellas", "aquello", "aquellos", "aqui", "asi", "aun",
    "aunque", "bajo", "bien", "cada", "casi", "como", "con", "conmigo",
    "consigo", "contigo", "contra", "cual", "cuales", "cuando", "cuya",
    "cuyas", "cuyo", "cuyos", "de", "del", "demas", "desde", "despues",
    "donde", "durante", "e", "el", "ella", "ellas", "ello", "ellos", "en",
    "entonces", "entre", "era", "eran", "es", "esa", "esas", "ese", "eso",
    "esos", "esta", "estaba", "estaban", "estan", "estar", "estas", "este",
    "esto", "estos", "estuvo", "fue", "fueron", "ha", "haber", "habia",
    "habian", "habra", "hacia", "han", "hasta", "hay", "he", "hemos", "hubo",
    "la", "las", "le", "les", "lo", "los", "luego", "mas", "me", "menos",
    "mi", "mientras", "mis", "misma", "mismas", "mismo", "mismos", "mucha",
    "muchas", "mucho", "muchos", "muy", "nada", "nadie", "ni", "ningun",
    "ninguna", "ninguno", "no", "nos", "nosotras", "nosotros", "nuestra",
    "nuestras", "nuestro", "nuestros", "nunca", "o", "os", "otra", "otras",
    "otro", "otros", "para", "pero", "poco", "por", "porque", "puede",
    "pueden", "pues", "que", "quien", "quienes", "se", "sea", "sean", "segun",
    "ser", "sera", "seran", "seria", "si", "sido", "siempre", "siendo", "sin",
    "sino", "sobre", "solo", "somos", "son", "soy", "su", "sus", "tambien",
    "tampoco", "tan", "tanta", "tantas", "tanto", "tantos", "te", "tiene",
    "tienen", "toda", "todas", "todavia", "todo", "todos", "tras", "tu",
    "tus", "u", "un", "una", "unas", "unos", "usted", "ustedes", "varias",
    "varios", "vosotras", "vosotros", "vuestra", "vuestro", "y", "ya", "yo",
};

/* Finnish. */
static const char *const sw_fi[] = {
    "aikana", "aina", "alla", "alle", "ehka", "ei", "eika", "eivat", "eli",
    "emme", "en", "enemman", "ennen", "et", "etta", "ette", "han", "haneen",
    "hanella", "hanelle", "hanelta", "hanen", "hanesta", "hanet", "hanta",
    "he", "heidan", "heihin", "heilla", "heille", "heilta", "heista", "heita",
    "hyvin", "ja", "jalkeen", "jo", "johon", "joiden", "joihin", "joilla",
    "joille", "joissa", "joista", "joita", "joka", "jokin", "joku", "jolla",
    "jolle", "jolloin", "jonka", "jopa", "jos", "jossa", "josta", "jota",
    "joten", "jotka", "jotta", "juuri", "kaikkea", "kaikki", "kaikkien",
    "kanssa", "koska", "kuin", "kuitenkin", "kuka", "kukaan", "kun", "kuten",
    "lahes", "lisaksi", "me", "meidan", "meille", "meita", "mika", "mikaan",
    "miksi", "milloin", "mina", "minka", "minua", "minulla", "minulle",
    "minun", "missa", "mista", "mita", "mitaan", "miten", "mukaan", "mutta",
    "muu", "muut", "myos", "naiden", "naihin", "nailla", "naissa", "naista",
    "naita", "nama", "ne", "niiden", "niihin", "niilla", "niille", "niin",
    "niissa", "niista", "niita", "noin", "nuo", "nyt", "ole", "olemme",
    "olen", "olet", "olette", "oli", "olisi", "olisivat", "olivat", "olla",
    "olleet", "ollut", "on", "ovat", "se", "seka", "sen", "siella", "siihen",
    "siina", "siis", "siita", "silla", "sille", "silloin", "sina", "sinun",
    "sita", "sitten", "taas", "tahan", "tai", "talla", "talle", "tama",
    "taman", "tassa", "tasta", "tata", "te", "teidan", "tuo", "tuon", "vaan",
    "vai", "vaikka", "vain", "valilla", "viela", "voi", "voidaan", "yha",
    "yli",
};

/* French. */
static const char *const sw_fr[] = {
    "a", "afin", "ai", "aie", "aient", "ainsi", "ait", "alors", "apres", "as",
    "au", "aucun", "aucune", "aupres", "auquel", "aura", "auraient", "aurait",
    "auront", "aussi", "autre", "autres", "aux", "avaient", "avais", "avait",
    "avant", "avec", "avez", "avions", "avoir", "avons", "ayant", "c", "ca",
    "car", "ce", "ceci", "cela", "celle", "celles", "celui", "cependant",
    "certaines", "certains", "ces", "cet", "cette", "ceux", "chaque", "chez",
    "comme", "comment", "contre", "d", "dans", "de", "deja", "depuis", "des",
    "donc", "dont", "du", "duquel", "elle", "elles", "en", "encore",
    "ensuite", "entre", "es", "est", "et", "etaient", "etais", "etait",
    "etant", "ete", "etes", "etre", "eu", "eux", "fut", "hors", "ici", "il",
    "ils", "j", "jamais", "je", "jusqu", "jusque", "l", "la", "laquelle",
    "le", "lequel", "les", "lesquelles", "lesquels", "leur", "leurs", "lors",
    "lorsqu", "lorsque", "lui", "m", "ma", "mais", "malgre", "me", "meme",
    "memes", "mes", "moi", "moins", "mon", "n", "ne", "ni", "non", "nos",
    "notre", "nous", "on", "ont", "ou", "oui", "par", "parce", "parmi", "pas",
    "pendant", "peu", "plus", "plusieurs", "pour", "pourquoi", "pourtant",
    "puis", "puisqu", "puisque", "qu", "quand", "que", "quel", "quelle",
    "quelles", "quelqu", "quelque", "quelques", "quels", "qui", "quoi",
    "quoique", "s", "sa", "sans", "sauf", "se", "selon", "sera", "serai",
    "seraient", "serait", "seront", "ses", "si", "soi", "soient", "soit",
    "sommes", "son", "sont", "sous", "suis", "sur", "t", "ta", "tandis", "te",
    "tes", "toi", "ton", "toujours", "tous", "tout", "toute", "toutefois",
    "toutes", "tres", "trop", "tu", "un", "une", "vers", "vos", "votre",
    "vous", "y",
};

/* Hungarian. */
static const char *const sw_hu[] = {
    "a", "abban", "abbol", "addig", "ahhoz", "ahogy", "ahol", "akar", "aki",
    "akik", "akinek", "akit", "akkor", "alatt", "altal", "amely", "amelyben",
    "amelyek", "amelyet", "amelynek", "ami", "amikor", "amit", "annak",
    "arra", "arrol", "attol", "az", "azert", "azok", "azokat", "azon",
    "azonban", "azt", "aztan", "azzal", "bar", "be", "benne", "csak", "de",
    "ebben", "ebbol", "eddig", "egy", "egyes", "egyik", "egyre", "ehhez",
    "el", "eleg", "elott", "en", "erre", "es", "ettol", "ez", "ezek",
    "ezeket", "ezen", "ezert", "ezt", "ezzel", "fel", "fele", "felett", "fog",
    "fogja", "fogjak", "ha", "hanem", "helyett", "hiszen", "hogy", "hogyan",
    "hol", "igen", "igy", "illetve", "ilyen", "is", "itt", "kell", "kellett",
    "keresztul", "ki", "kivul", "kozott", "le", "legyen", "lehet", "lenne",
    "lesz", "lett", "majd", "mar", "mas", "masik", "meg", "mellett", "mert",
    "mi", "miatt", "mikor", "milyen", "mind", "minden", "mindig", "mint",
    "mit", "mivel", "most", "nehany", "nekem", "neki", "nekik", "nelkul",
    "nem", "nincs", "o", "oket", "olyan", "ot", "ota", "ott", "pedig",
    "peldaul", "ra", "rola", "sem", "semmi", "senki", "soran", "sot",
    "szamara", "szerint", "te", "tehat", "ti", "tobb", "tovabb", "ugy",
    "utan", "vagy", "vagyis", "vagyok", "valaki", "valami", "valamint", "van",
    "vannak", "vele", "volna", "volt", "voltak",
};

/* Indonesian. */
static const char *const sw_id[] = {
    "ada", "adalah", "agar", "akan", "aku", "anda", "antara", "apa",
    "apabila", "atas", "atau", "bagaimana", "bagi", "bahkan", "bahwa",
    "banyak", "beberapa", "begitu", "beliau", "belum", "berapa", "bisa",
    "dalam", "dan", "dapat", "dari", "demikian", "dengan", "di", "dia", "hal",
    "hanya", "harus", "hingga", "ia", "ialah", "ini", "itu", "jadi", "jika",
    "juga", "kalau", "kalian", "kami", "kamu", "kapan", "karena", "ke",
    "kenapa", "kepada", "ketika", "kini", "kita", "lagi", "lain", "lebih",
    "maka", "mana", "masih", "maupun", "melalui", "mengapa", "menjadi",
    "menurut", "mereka", "merupakan", "namun", "oleh", "pada", "para",
    "pernah", "pun", "saat", "saja", "sampai", "sangat", "saya", "sebagai",
    "sebelum", "secara", "sedang", "sehingga", "sejak", "selain", "sementara",
    "semua", "sendiri", "seperti", "serta", "setelah", "setiap", "siapa",
    "sini", "situ", "sudah", "supaya", "tanpa", "tapi", "telah", "tentang",
    "terhadap", "tersebut", "tetap", "tetapi", "tidak", "untuk", "walaupun",
    "yaitu", "yakni", "yang",
};

/* Italian. */
static const char *const sw_it[] = {
    "a", "abbia", "abbiamo", "agli", "ai", "al", "alcune", "alcuni", "all",
    "alla", "alle", "allo", "altra", "altre", "altri", "altro", "anche",
    "ancora", "avere", "avete", "aveva", "avevano", "avra", "avrebbe",
    "avuto", "c", "che", "chi", "ci", "cio", "circa", "coi", "col", "come",
    "con", "contro", "cosi", "cui", "da", "dagli", "dai", "dal", "dall",
    "dalla", "dalle", "dallo", "degli", "dei", "del", "dell", "della",
    "delle", "dello", "dentro", "di", "dopo", "dove", "dunque", "durante",
    "e", "ebbe", "ecco", "ed", "egli", "ella", "era", "erano", "essa", "esse",
    "essere", "essi", "esso", "fa", "fino", "fosse", "fra", "fu", "fuori",
    "furono", "gia", "gli", "ha", "hai", "hanno", "ho", "i", "il", "in",
    "infatti", "inoltre", "invece", "io", "l", "la", "le", "lei", "li", "lo",
    "loro", "lui", "ma", "mai", "me", "meno", "mentre", "mi", "mia", "mie",
    "miei", "mio", "molta", "molte", "molti", "molto", "ne", "neanche",
    "negli", "nei", "nel", "nell", "nella", "nelle", "nello", "nemmeno",
    "nessuna", "nessuno", "niente", "noi", "non", "nostra", "nostre",
    "nostri", "nostro", "nulla", "o", "od", "ogni", "oltre", "oppure", "ora",
    "per", "perche", "pero", "piu", "poi", "poiche", "presso", "proprio",
    "pure", "qua", "qualche", "quale", "quali", "quando", "quanto", "quei",
    "quel", "quella", "quelle", "quelli", "quello", "questa", "queste",
    "questi", "questo", "qui", "sara", "saranno", "sarebbe", "se", "secondo",
    "sei", "senza", "si", "sia", "siamo", "siano", "siete", "solo", "sono",
    "sopra", "sotto", "stata", "state", "stati", "stato", "stessa", "stesse",
    "stessi", "stesso", "su", "sua", "sue", "sugli", "sui", "sul", "sull",
    "sulla", "sulle", "sullo", "suo", "suoi", "tale", "tali", "te", "ti",
    "tra", "troppo", "tu", "tua", "tue", "tuo", "tuoi", "tutta", "tutte",
    "tutti", "tutto", "un", "una", "uno", "vi", "voi", "vostra", "vostro",
};

/* Dutch. */
static const char *const sw_nl[] = {
    "aan", "achter", "al", "alle", "alleen", "alles", "als", "altijd",
    "ander", "andere", "anderen", "beide", "ben", "bent", "bij", "binnen",
    "boven", "buiten", "daar", "daarbij", "daarin", "daarmee", "daarna",
    "daarom", "daarvan", "dan", "dat", "de", "deze", "die", "dit", "door",
    "dus", "echter", "een", "eens", "eigen", "elk", "elke", "en", "enkele",
    "er", "erg", "even", "had", "hadden", "heb", "hebben", "hebt", "heeft",
    "hem", "hen", "het", "hetzelfde", "hier", "hij", "hoe", "hoewel", "hun",
    "ieder", "iedere", "iedereen", "iemand", "iets", "ik", "in", "indien",
    "is", "ja", "je", "jij", "jou", "jouw", "jullie", "kan", "kon", "konden",
    "kunnen", "maar", "mag", "me", "meer", "meest", "men", "met", "mij",
    "mijn", "minder", "mocht", "moest", "moet", "moeten", "mogen", "na",
    "naar", "nadat", "nee", "niemand", "niet", "niets", "nog", "nooit", "nu",
    "of", "om", "omdat", "onder", "ons", "onze", "ook", "op", "over", "per",
    "reeds", "rond", "sinds", "sommige", "steeds", "te", "tegen", "tenzij",
    "terwijl", "tijdens", "toch", "toen", "tot", "tussen", "u", "uit", "uw",
    "van", "vanaf", "vanuit", "veel", "via", "volgens", "voor", "voordat",
    "waar", "waarbij", "waarin", "waarom", "waarop", "waarvan", "wanneer",
    "want", "waren", "was", "wat", "we", "weer", "weinig", "wel", "welk",
    "welke", "werd", "werden", "wie", "wij", "wil", "wilde", "willen",
    "worden", "wordt", "zal", "ze", "zeer", "zelf", "zelfs", "zich", "zij",
    "zijn", "zo", "zoals", "zodat", "zonder", "zou", "zouden", "zullen",
};

/* Norwegian (Bokmål and Nynorsk). */
static const char *const sw_no[] = {
    "a", "aldri", "alle", "allerede", "alltid", "alt", "andre", "anna",
    "annen", "annet", "at", "av", "bak", "bare", "berre", "blant", "ble",
    "bli", "blir", "blitt", "da", "de", "deg", "dei", "deira", "dem", "den",
    "denne", "dens", "der", "deres", "desse", "det", "dets", "dette", "din",
    "dine", "disse", "ditt", "du", "dykk", "eg", "ei", "ein", "eit", "eller",
    "en", "enda", "enn", "er", "et", "etter", "fleire", "flere", "for",
    "foran", "fordi", "fra", "fram", "frem", "før", "ganske", "gjennom", "ha",
    "hadde", "ham", "han", "hans", "har", "hatt", "helt", "henne", "hennes",
    "her", "ho", "hos", "hun", "hva", "hvem", "hver", "hvert", "hvilke",
    "hvilken", "hvilket", "hvis", "hvor", "hvordan", "hvorfor", "i", "ifolge",
    "ifølge", "igjen", "ikke", "ikkje", "ingen", "ingenting", "inn", "innen",
    "ja", "jeg", "jo", "kan", "kanskje", "korleis", "kun", "kunne", "kva",
    "kvar", "kven", "kvifor", "ma", "man", "mange", "matte", "me", "med",
    "medan", "meg", "meir", "mellom", "men", "mens", "mer", "mest", "min",
    "mine", "mitt", "mot", "mye", "mykje", "na", "nar", "ned", "nei", "noe",
    "noen", "nok", "noko", "nokon", "og", "ogsa", "om", "opp", "oss", "over",
    "pa", "rundt", "sa", "same", "samme", "seg", "selv", "sidan", "siden",
    "sin", "sine", "sitt", "sjol", "sjolv", "sjøl", "sjølv", "skal", "skulle",
    "slik", "som", "til", "under", "ut", "utan", "uten", "vaere", "vaert",
    "var", "vare", "vart", "ved", "veldig", "vere", "vi", "vil", "ville",
    "vore", "være", "vært",
};

/* Polish. */
static const char *const sw_pl[] = {
    "a", "aby", "ale", "ani", "az", "bardzo", "beda", "bedzie", "bez", "bo",
    "bowiem", "by", "byc", "byl", "byla", "byli", "bylo", "byly", "był",
    "była", "było", "były", "ci", "cie", "co", "cos", "czy", "czyli", "dla",
    "dlaczego", "do", "gdy", "gdyz", "gdzie", "go", "i", "ich", "im", "inne",
    "inny", "innych", "ja", "jak", "jako", "je", "jednak", "jego", "jej",
    "jesli", "jest", "jestem", "jestesmy", "jeszcze", "jezeli", "juz",
    "kazdy", "kiedy", "kto", "ktora", "ktore", "ktorego", "ktorej", "ktory",
    "ktorych", "ktorym", "ktorzy", "ktos", "lecz", "lub", "ma", "maja",
    "mamy", "mi", "mnie", "moga", "moze", "mozna", "mu", "my", "na", "nad",
    "nam", "nas", "nawet", "nia", "nic", "nich", "nie", "niech", "niego",
    "niej", "niemu", "nim", "nimi", "niz", "no", "o", "od", "okolo", "około",
    "on", "ona", "one", "oni", "ono", "oraz", "po", "pod", "podczas",
    "poniewaz", "przed", "przez", "przy", "rowniez", "sa", "sam", "sie",
    "sobie", "swoich", "swoj", "swoja", "swoje", "ta", "tak", "takze", "tam",
    "te", "tego", "tej", "ten", "teraz", "tez", "to", "tu", "tych", "tylko",
    "tym", "u", "w", "we", "wedlug", "według", "wiec", "wlasnie", "wsrod",
    "wszystkich", "wszystkie", "wszystko", "własnie", "z", "za", "zas", "ze",
    "zeby", "zostal", "zostala", "zostali", "zostalo", "zostaly", "został",
    "została", "zostało", "zostały",
};

/* Portuguese. */
static const char *const sw_pt[] = {
    "a", "agora", "ainda", "algo", "alguem", "algum", "alguma", "algumas",
    "alguns", "ali", "ao", "aos", "apenas", "apos", "aquela", "aquelas",
    "aquele", "aqueles", "aquilo", "as", "assim", "ate", "bem", "cada", "com",
    "comigo", "como", "contra", "cuja", "cujo", "da", "das", "de", "dela",
    "delas", "dele", "deles", "desde", "dessa", "desse", "desta", "deste",
    "disso", "disto", "do", "dos", "durante", "e", "ela", "elas", "ele",
    "eles", "em", "entao", "entre", "era", "eram", "essa", "essas", "esse",
    "esses", "esta", "estao", "estar", "estas", "estava", "estavam", "este",
    "estes", "esteve", "estiveram", "eu", "foi", "foram", "fosse", "ha",
    "havia", "houve", "isso", "isto", "ja", "la", "lhe", "lhes", "mais",
    "mas", "me", "menos", "mesma", "mesmo", "meu", "meus", "mim", "minha",
    "minhas", "muita", "muitas", "muito", "muitos", "na", "nada", "nao",
    "naquela", "naquele", "nas", "nela", "nele", "nem", "nenhum", "nenhuma",
    "nessa", "nesse", "nesta", "neste", "ninguem", "no", "nos", "nossa",
    "nossas", "nosso", "nossos", "num", "numa", "o", "onde", "os", "ou",
    "outra", "outras", "outro", "outros", "para", "pela", "pelas", "pelo",
    "pelos", "perante", "pode", "podem", "pois", "por", "porem", "porque",
    "quais", "qual", "qualquer", "quando", "que", "quem", "sao", "se",
    "segundo", "sem", "sempre", "sendo", "ser", "sera", "seria", "seu",
    "seus", "si", "sido", "so", "sob", "sobre", "sua", "suas", "tambem",
    "tanto", "tao", "te", "tem", "ter", "teve", "ti", "tinha", "tinham",
    "toda", "todas", "todo", "todos", "tudo", "um", "uma", "umas", "uns",
    "vai", "vao", "voce", "voces",
};

/* Romanian. */
static const char *const sw_ro[] = {
    "a", "acea", "aceasta", "aceea", "acei", "acel", "acela", "acele",
    "acelea", "acelei", "acelor", "acelui", "acest", "acesta", "aceste",
    "acestea", "acestei", "acestor", "acestui", "acolo", "acum", "ai", "aici",
    "al", "ale", "alt", "alta", "alte", "altor", "am", "ar", "are", "asa",
    "astfel", "asupra", "au", "avea", "avut", "ca", "cand", "care", "cat",
    "cate", "cati", "catre", "ce", "cea", "cei", "cel", "cele", "celei",
    "celor", "celui", "chiar", "ci", "cine", "cu", "cum", "da", "daca", "dar",
    "de", "decat", "deci", "deja", "desi", "despre", "din", "dintre", "doar",
    "dupa", "ea", "ei", "el", "ele", "este", "eu", "fara", "fi", "fie",
    "fiecare", "fiind", "fost", "iar", "ii", "il", "impotriva", "in", "inca",
    "insa", "intre", "la", "langa", "le", "li", "lor", "lui", "ma", "mai",
    "mea", "mei", "mele", "meu", "mult", "multe", "multi", "ne", "nici",
    "noastra", "noi", "nostru", "nu", "numai", "o", "ori", "pana", "pe",
    "pentru", "peste", "potrivit", "prin", "printre", "sa", "sau", "se", "si",
    "sine", "spre", "sub", "sunt", "ta", "tale", "tau", "te", "toata",
    "toate", "tot", "toti", "totusi", "tu", "un", "una", "unde", "unei",
    "unele", "unii", "unor", "unui", "unul", "va", "voi", "vor",
};

/* Russian. */
static const char *const sw_ru[] = {
    "а", "без", "более", "будем", "будет", "будете", "будешь", "будто",
    "буду", "будут", "бы", "был", "была", "были", "было", "быть", "в", "вам",
    "вами", "вас", "ведь", "весь", "во", "вокруг", "вот", "впрочем", "все",
    "всегда", "всего", "всеи", "всей", "всем", "всеми", "всех", "всю", "вся",
    "вы", "где", "да", "даже", "для", "до", "его", "ее", "еи", "ей", "ему",
    "если", "есть", "еще", "ж", "же", "за", "зачем", "здесь", "и", "из",
    "из-за", "или", "им", "ими", "иначе", "их", "к", "каждая", "каждое",
    "каждыи", "каждый", "как", "какая", "какие", "каким", "какои", "какой",
    "когда", "кого", "кому", "которая", "которого", "которое", "которои",
    "которой", "котором", "которую", "которые", "которыи", "который",
    "которым", "которых", "кроме", "кто", "куда", "ли", "либо", "лишь",
    "между", "меня", "мне", "много", "мнои", "мной", "мое", "может", "можно",
    "мои", "мой", "моя", "мы", "на", "над", "надо", "нам", "нами", "нас",
    "наш", "наша", "наше", "наши", "не", "него", "нее", "неи", "ней",
    "нельзя", "нем", "нему", "нет", "ни", "никогда", "ним", "ними", "них",
    "ничего", "но", "ну", "о", "об", "однако", "около", "он", "она", "они",
    "оно", "от", "отчего", "очень", "по", "под", "пока", "после", "потом",
    "потому", "почему", "почти", "при", "причем", "про", "против", "ради",
    "с", "сам", "сама", "сами", "само", "самыи", "самый", "свое", "своего",
    "своеи", "своей", "своем", "свои", "своим", "своих", "свой", "свою",
    "своя", "себе", "себя", "сеичас", "сейчас", "со", "среди", "та", "так",
    "такая", "также", "такие", "такои", "такой", "там", "те", "тебе", "тебя",
    "тем", "теперь", "то", "тобои", "тобой", "тогда", "того", "тоже", "тои",
    "той", "только", "том", "тот", "ту", "тут", "ты", "у", "уже", "хоть",
    "хотя", "чего", "чеи", "чей", "чем", "через", "что", "чтоб", "чтобы",
    "чуть", "эта", "эти", "этим", "этими", "этих", "это", "этого", "этои",
    "этой", "этом", "этот", "эту", "я", "является", "являются",
};

/* Swedish. */
static const char *const sw_sv[] = {
    "aldrig", "alla", "allt", "alltid", "alltsa", "an", "andra", "annan",
    "annat", "annu", "ar", "at", "att", "av", "aven", "bara", "bland", "blev",
    "bli", "blir", "blivit", "da", "dar", "de", "dem", "den", "denna",
    "deras", "dess", "dessa", "det", "detta", "dig", "din", "dina", "ditt",
    "dock", "du", "efter", "eftersom", "ej", "eller", "en", "enligt", "er",
    "era", "ert", "ett", "flera", "for", "fore", "fran", "ganska", "genom",
    "ha", "hade", "haft", "han", "hans", "har", "henne", "hennes", "hon",
    "honom", "hos", "hur", "i", "ibland", "icke", "igen", "in", "inga",
    "ingen", "inget", "innan", "inom", "inte", "ja", "jag", "ju", "just",
    "kan", "kanske", "kring", "kunde", "kunna", "man", "manga", "maste",
    "med", "medan", "mellan", "men", "mer", "mera", "mest", "mig", "min",
    "mina", "mitt", "mot", "mycket", "nagon", "nagot", "nagra", "nar", "nej",
    "ni", "nog", "nu", "och", "ocksa", "om", "oss", "over", "pa", "redan",
    "sa", "sadan", "sadana", "sadant", "samma", "samt", "sedan", "sig", "sin",
    "sina", "sitt", "sjalv", "sjalva", "ska", "skall", "skulle", "som",
    "till", "trots", "ty", "under", "upp", "ur", "ut", "utan", "utom", "vad",
    "valdigt", "var", "vara", "varfor", "varit", "varje", "vart", "vem", "vi",
    "vid", "vilka", "vilken", "vilket", "vill", "ville",
};

/* Turkish. */
static const char *const sw_tr[] = {
    "ama", "ancak", "arasinda", "arasında", "artik", "artık", "aslinda",
    "aslında", "ayni", "aynı", "ayrica", "ayrıca", "bana", "baska", "bazi",
    "bazı", "belki", "ben", "beni", "benim", "beri", "bile", "bir", "bircok",
    "biz", "bize", "bizi", "bizim", "boyle", "bu", "buna", "bunda", "bundan",
    "bunlar", "bunlari", "bunları", "bunu", "bunun", "burada", "butun", "cok",
    "cunku", "da", "daha", "de", "degil", "diger", "diye", "dolayi", "dolayı",
    "eger", "en", "gibi", "gore", "hala", "hangi", "hem", "henuz", "hepsi",
    "her", "hic", "icin", "ile", "ise", "iste", "itibaren", "kadar", "karsi",
    "karsı", "kendi", "kendisi", "ki", "kimse", "mi", "mu", "mı", "nasil",
    "nasıl", "ne", "neden", "nerede", "nereye", "nicin", "o", "olan",
    "olarak", "oldu", "oldugu", "oldugunu", "olmak", "olur", "ona", "once",
    "onlar", "onlara", "onlari", "onlarin", "onları", "onların", "onu",
    "onun", "orada", "oyle", "ragmen", "sadece", "sana", "sen", "seni",
    "senin", "sey", "simdi", "siz", "size", "sizi", "sizin", "sonra", "soyle",
    "tum", "uzere", "uzerinde", "var", "ve", "veya", "ya", "yani", "yine",
    "yok", "zaten",
};

typedef struct sw_lang {
    const char *code;           /* ISO 639-1 code */
    const char *const *words;   /* folded, strictly sorted by strcmp() */
    size_t n;
} sw_lang;

#define SW_LANG(code, list) { code, list, sizeof(list) / sizeof(list[0]) }

/* Sorted by code. Norwegian is one list under "no"; see find_lang. */
static const sw_lang langs[] = {
    SW_LANG("da", sw_da), SW_LANG("de", sw_de), SW_LANG("en", sw_en),
    SW_LANG("es", sw_es), SW_LANG("fi", sw_fi), SW_LANG("fr", sw_fr),
    SW_LANG("hu", sw_hu), SW_LANG("id", sw_id), SW_LANG("it", sw_it),
    SW_LANG("nl", sw_nl), SW_LANG("no", sw_no), SW_LANG("pl", sw_pl),
    SW_LANG("pt", sw_pt), SW_LANG("ro", sw_ro), SW_LANG("ru", sw_ru),
    SW_LANG("sv", sw_sv), SW_LANG("tr", sw_tr),
};

#define SW_NLANGS (sizeof(langs) / sizeof(langs[0]))

/* The list for a language code. Takes the part before any '-' or '_'
 * ("en-GB", "pt_BR") and ignores ASCII case; only two-letter codes name a
 * list, so "und", "" and NULL find none. Norwegian Bokmål ("nb") and
 * Nynorsk ("nn") share the "no" list, which holds the common forms of
 * both written standards. */
static const sw_lang *find_lang(const char *lang)
{
    char code[3];
    size_t i;

    if (!lang)
        return NULL;
    for (i = 0; lang[i] != '\0' && lang[i] != '-' && lang[i] != '_'; i++) {
        unsigned char c = (unsigned char)lang[i];
        if (i == 2)
            return NULL;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        code[i] = (char)c;
    }
    if (i != 2)
        return NULL;
    code[2] = '\0';
    if (strcmp(code, "nb") == 0 || strcmp(code, "nn") == 0)
        memcpy(code, "no", 2);
    for (i = 0; i < SW_NLANGS; i++)
        if (strcmp(code, langs[i].code) == 0)
            return &langs[i];
    return NULL;
}

/* Compare the len bytes at key with the NUL-terminated entry, in strcmp()
 * order. Reads key[0..len) only; stops at the entry's end. */
static int compare_key(const char *key, size_t len, const char *entry)
{
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char a = (unsigned char)key[i];
        unsigned char b = (unsigned char)entry[i];
        if (b == '\0')
            return 1;           /* entry is a proper prefix of key */
        if (a != b)
            return a < b ? -1 : 1;
    }
    return entry[len] == '\0' ? 0 : -1;
}

int cr_is_stopword(const char *lang, const char *word, size_t len)
{
    const sw_lang *l;
    size_t lo, hi;

    if (!word || len == 0 || len > CRI_STOPWORD_MAX_BYTES)
        return 0;
    l = find_lang(lang);
    if (!l)
        return 0;
    lo = 0;
    hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare_key(word, len, l->words[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

size_t cri_stopword_count(const char *lang)
{
    const sw_lang *l = find_lang(lang);
    return l ? l->n : 0;
}

const char *const *cri_stopword_list(const char *lang, size_t *n)
{
    const sw_lang *l = find_lang(lang);
    if (n)
        *n = l ? l->n : 0;
    return l ? l->words : NULL;
}

const char *cri_stopword_lang(size_t i)
{
    return i < SW_NLANGS ? langs[i].code : NULL;
}
