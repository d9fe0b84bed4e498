"""The offline assistant's words for repairing a conversation: data, not code (see vocabulary.py
for the patterns). Read by interpret.py: corrections of the previous turn, messages in another
language, and the words a to-do said without a command word never has.
"""

from __future__ import annotations

# "No, I meant thursday", "wait, make that 6pm", "sorry, the 14th": words that correct the previous
# turn, each its own item (tried in turn, so "no wait, sorry" is three). What follows is the new value.
CORRECTION_MARKERS = [
    r"no+", r"nope", r"nah", r"(?:i'?m |so )?sorry", r"oops", r"whoops", r"wait", r"hang on", r"hold on", r"actually", r"my bad", r"ugh",
    r"typo", r"my mistake",
    r"correction", r"i mean", r"i meant", r"meant",
    r"i said", r"i wanted", r"never ?mind", r"err?m?", r"um+", r"uh+", r"not that", r"oh+", r"ah+", r"hm+", r"nvm",
]
# A priority said alone: "set it to low", "no wait, low".
PRIORITY_LEVEL = r"(?:high|low|medium|normal|urgent|important|top)(?: priority)?"
# What may join a correction to its new value: "no, I meant *to* thursday", "wait, *make that* 6pm".
CORRECTION_LINKS = (r"(?:(?:make|change|move|set|put|keep|leave) (?:it|that|this)(?: to| for| on| at)?"
                    r"|(?:it's|its|it is|it should be|should be|that's|that should be)(?: on| at| due)?|to|for|on|at)")

# Other languages: a message not in English is answered with one line, and nothing changes.
NOT_ENGLISH_REPLY = "Sorry, I only understand English, so I changed nothing. Try “add buy milk” or “what's due today?”."
NOT_ENGLISH_CHARS = r"[¿¡ñßàâãäåçèêëìîïòôõöøùûüÿœæ]"
# Common words of other languages that English todo requests don't use (Spanish, French, German, Italian, Portuguese).
NOT_ENGLISH_WORDS = {
    "el", "los", "las", "una", "que", "por", "para", "con", "mañana", "hoy", "puedes", "añadir", "agregar", "añade",
    "comprar", "llamar", "tarea", "tareas", "mis", "lista", "hola", "gracias", "borrar", "eliminar",
    "le", "les", "des", "du", "une", "est", "je", "tu", "nous", "vous", "pour", "avec", "demain", "ajoute", "ajouter",
    "acheter", "appeler", "tâche", "tâches", "bonjour", "merci", "supprimer", "liste", "moi", "mes",
    "und", "der", "die", "das", "ich", "nicht", "ist", "mit", "morgen", "heute", "kaufen", "anrufen", "aufgabe",
    "aufgaben", "hinzufügen", "bitte", "danke", "löschen", "meine",
    "il", "della", "domani", "oggi", "aggiungi", "comprare", "chiamare", "compiti", "grazie", "ciao",
    "amanhã", "hoje", "adicionar", "obrigado", "tarefa", "minhas", "bien", "alles", "klar", "hasta", "vale", "bueno", "gut",
    "sehr", "très", "muchas", "beaucoup", "vielen", "mille", "obrigada",
}

# Chat, not a to-do: a message with one of these and no word that asks to add ("long shift tonight lol",
# "ok gotta drive out to a claim, ttyl", "so tired 🥱") is a remark, never a task.
CHATTING = {"lol", "lmao", "lmfao", "haha", "hahaha", "hehe", "rofl", "omg", "smh", "yawn"}
LEAVING = {"ttyl", "brb", "gtg", "g2g", "cya", "laters"}  # ... and these even after "need to" or "gotta"
NEEDING_TO = r"\b(?:need to|needs to|have to|has to|gotta|got to|must|should)\b"  # a to-do said as a need
CHATTING_FACES = "😂🤣😅😴🥱😩😫🙄🤦😭😤🥲"
# "thinking about the rent today", "been stressing about the flights": a mood, not a to-do
MUSING = (
    r"^(?:(?:i'm|im|i am|i've been|ive been|been|just|still|kinda|kind of|so|really) )*"
    r"(?:thinking|wondering|worrying|worried|stressing|stressed|dreading|daydreaming|obsessing|panicking|freaking out)"
    r" (?:about|over|of)\b"
)
# A wish for a day, not a to-do: "happy thanksgiving!! full house today", "merry xmas"
GREETING = (
    r"(?:happy|merry|blessed) (?:thanksgiving|turkey day|holidays?|new year|xmas|christmas|hanukkah|easter|birthday"
    r"|friday|monday|weekend|4th)\b"
)

# Short forms written with a dot, after which a dot ends no sentence ("mr. tran's class", "st. luke's").
DOTTED = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "no", "approx", "ch", "pg", "vol", "ave", "rd", "mt", "ft",
          "inc", "co", "ltd", "dept", "appt", "prof", "gen", "sgt", "capt", "lt", "fig", "est", "min", "max", "wk", "mon", "tue",
          "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
          "oct", "nov", "dec"}

# Words that a to-do said without a command word doesn't have: a message with them that no pattern
# explains is not understood, never added ("no, i meant thursday", "morning, whats on today").
# ... and no to-do is for yesterday
NOT_A_TODO_WORDS = {"meant", "actually", "instead", "whats", "what's", "wait", "sorry", "oops", "nope", "yesterday"}

# A comment after a comma, not part of the request: "remove the cpr one, the hospital is doing it for all of us",
# "take the date off the roses, too wet to say when", "the topper, my sister is making one". It is an aside
# when it has one of these words (a subject, a verb's helper, a "too" or a "no …"), says no day, time,
# priority or tag, and starts no request of its own ("…, then mark it done"; "…, call mom").
ASIDE_WORDS = {
    "i", "i'm", "im", "we", "we're", "he", "she", "she's", "he's", "they", "they're", "theyre", "you", "u", "it", "its", "it's",
    "is", "are", "was", "were", "am", "been", "has", "have", "had", "do", "does", "did", "doesn't", "doesnt", "didn't",
    "didnt", "can't", "cant", "won't", "wont", "isn't", "isnt", "aren't", "arent", "wasn't", "wasnt", "will", "would",
    "should", "could", "can", "may", "might", "there", "there's", "that's", "thats", "too", "no", "because", "cos", "coz", "cuz", "since",
    "bc", "em", "forever", "lol", "btw", "fyi", "phew", "yay", "ugh", "lgtm", "ill", "ive", "id", "youre", "hes", "shes", "theyll",
    "i'll", "i've", "i'd", "we'll", "we've", "you'll", "he'll", "she'll", "they'll", "it'll",
    "ain't", "aint", "hasn't", "hasnt", "haven't", "havent", "weren't", "werent", "couldn't", "couldnt", "wouldn't", "wouldnt",
    "feel", "running", "late",  # "feel way better", "vets running late"
    "found", "saw",  # past forms that are a verb of their own too ("found a box in the closet")
}
# ... but never one that sets a condition ("yes, but only if it's done").
CONDITIONS = {"unless", "if", "except", "provided"}
# ... but a comment of only these and a slot gives the request's own slot: "…, its tomorrow", "…, its urgent".
LINKING_WORDS = {"its", "it's", "it", "is", "that's", "thats", "due", "on", "at", "by", "for", "and", "but", "so", "make", "also"}
# A comment that only says when the change just asked for is due: "the bouncy castle is urgent, needs doing by friday".
NEEDING_WORDS = {"needs", "need", "doing", "done", "sorting", "sorted", "to", "be", "has", "have", "is", "it", "its", "it's",
                 "and", "due", "should", "must", "by", "gotta", "got", "make", "set", "mark", "as", "them", "they", "those"}
# ... unless it takes the request back: "undo that, actually no dont", "move it, no wait", "make it low, no longer urgent".
ASIDE_TAKES_BACK = (
    r"(?:(?:actually|oh|hmm|wait|no|nope|nah)[, ]+)*(?:no|nope|nah|don't|dont|do not|never ?mind|nvm|wait|hold on|stop|cancel|"
    r"scratch|forget)\b(?! (?:time|need|rush|hurry|point|one|way|idea|clue|room|space|money|chance|more)\b)"
)

# A message that starts with thanks and asks for nothing more is thanks, whatever follows ("thx man, back on the
# road", "ty ur a lifesaver", "ok thx, long day").
THANKS_WORDS = {"thanks", "thank", "thx", "thanx", "ty", "tysm", "cheers", "ta", "tq"}

# Taking back the last message's change in words: "no keep it", "oops, I still need that", "put it back".
# Tried in full after the correction markers are off (one undo step: everything that message changed).
TAKE_BACKS = [
    r"(?:no,? )?(?:please )?keep (?:it|that|them|this|those|that one|this one)(?: (?:after all|please|then|on (?:the|my) list|"
    r"as (?:it|they) (?:was|were)|the way (?:it|they) (?:was|were)))?",
    # "still", "after all" or "back" make it a take-back: "I want that" alone after an add is no undo
    r"(?:i )?still (?:need|want) (?:it|that|this|them|those|that one)(?: after all)?",
    r"(?:i )?(?:need|want) (?:it|that|this|them|those|that one) (?:still|after all|back|on (?:the|my) list)",
    r"(?:i )?still (?:need to|have to|gotta) do (?:it|that|this|them)",
    r"(?:put|bring|add|set|change) (?:it|that|them|this|those) back"
    r"(?: on (?:the|my) list| (?:to )?(?:how|the way|as|like) (?:it|they) (?:was|were))?"
    r"(?:,? (?:please|pls|plz))?"
    r"(?:,? (?:i )?(?:do |still )?(?:need|want) (?:it|that|them|this|those)(?: after all)?)?",
    r"(?:don't|do not|dont|didn't|did not) (?:delete|remove|complete|change|move|tick|mark) (?:it|that|them|this)(?: off)?",
    r"(?:i )?(?:didn't|did not|don't|do not) (?:mean|want) (?:that|to do that|to(?! (?!anymore|any more|after all)\w)|it)",
    r"(?:i )?changed my mind",
    r"(?:scratch|cancel|reverse|take back) (?:that|it|this)",
    r"that(?:'s| is| was) (?:wrong|not right|a mistake|not what i (?:meant|said|wanted))",
]
# ... and after a delete only: "no never mind, leave it" (after an add, "leave it" keeps what was added)
TAKE_BACKS_OF_A_DELETE = (
    r"(?:no,? )?(?:never ?mind,? )?(?:(?:just )?leave (?:it|that|them)(?: (?:there|be|alone|on (?:the|my) list))?"
    r"|(?:i )?still (?:need|have|gotta|got|want) to .+)"  # "never mind, still need to call them about the screens"
)
# ... and after a change of a task: "oops no, keep the tag, wrong task" (after an untag)
TAKE_BACKS_OF_A_CHANGE = (
    r"(?:no,? )?keep (?:the|its|my|that) (?:tags?|priority|date|due date|time|repeat|reminder)"
    r"(?:,? (?:wrong (?:task|one)|my bad|sorry|on (?:it|that one)))?"
)
# ... and after a completion: "no wait, not done yet", "actually not yet", "nvm it's not finished"
TAKE_BACKS_OF_A_COMPLETION = (
    r"(?:(?:it|that|this)(?:'s| is|s)? |(?:it|that) (?:was|wasn't|isn't) )?(?:not|isn't|isnt|wasn't|wasnt) (?:quite )?"
    r"(?:done|finished|complete|completed|ready)(?: yet| after all)?|not (?:quite )?yet"
)
TAKEN_BACK_NOTHING = "I didn't change anything just then, so there's nothing to put back."

# The change just made, again for another task: "same for the jenny one", "the milk too", "and that one".
SAME_FOR = [
    r"(?:and )?(?:do |the )?(?:the )?same(?: thing| again)? (?:for|with|to|on) (?P<ref>.+?)(?: please)?",
    # "same tag for the motion one": that field of the task just talked about, given to another
    r"(?:and )?(?:give |put |use )?(?:the )?same (?P<field>tags?|date|day|time|priority) (?:for|with|to|on) (?P<ref>.+?)(?: please| too)?",
    r"(?:and )?ditto(?: for| with)? (?P<ref>.+)",
    # "ok just the hotel one w/ travel" after "scratch that": the change again, to that one only
    r"(?:ok |okay |so |then )?(?:just|only) (?P<ref>(?:the|that|this|task|#)\b.+?)(?: (?:w/ ?|with) #?[\w-]+)?(?: then| please| pls)?",
    # the change named again: "tag that one too", "mark the milk as well"
    r"(?:and )?(?P<verb>tag|label|mark|move|complete|tick|check) (?P<ref>(?!i\b|we\b|you\b).+?),? (?:too|as well|also)",
    r"(?:and )?(?P<ref>(?!i\b|we\b|you\b).+?),? (?:that one|this one|that|this) (?:too|as well|also)",  # "the oil change, that one too"
    r"(?:and )?(?:also )?(?P<ref>(?!i\b|we\b|you\b).+?),? (?:too|as well|also)",
    r"(?:and )?also (?P<ref>(?:the|that|this|task|#|number|item)\b.+|\d+|it)",
]

# One field of the task just talked about ("it", "that one", "task 3" when named): followup.py.
_IT = r"(?P<ref>it|that|this|that one|this one|the task|(?:task|#|number) ?#?\d+)"
FOLLOW_UPS: dict[str, list[str]] = {
    # "make it the 5th instead", "make it 5", "change that to every other wednesday", "set it for 6pm"
    "when": [rf"(?:make|set|change|move|put|have|do|switch|flag|mark) {_IT} (?:to |for |on |at |until |till |due |as )?(?P<when>.+?)"],
    # "no longer important", "it's not urgent anymore"
    "unprioritise": [
        r"(?:(?:it's|its|it is|that's|that is|this is) )?(?:no longer|not) (?:very |that |so |really )?"
        r"(?:important|urgent|high|a priority|high priority|top priority)(?: any ?more| now| after all)?",
        r"(?:make|set) (?P<ref>it|that|this|that one) (?:not|no longer) (?:important|urgent|a priority)(?: any ?more)?",
        # "the garcia edit is no longer urgent"
        r"(?P<ref>(?!(?:it|that|this)\b).+?) (?:(?:is|are|'s) (?:no longer|not)|isn't|isnt|aren't|arent) (?:very |that |so |really )?"
        r"(?:important|urgent|high|a priority|high priority|top priority)(?: any ?more| now| after all)?",
        # "bridesmaid dresses no longer urgent"
        r"(?P<ref>(?!(?:it|that|this|add|pls|please)\b).+?) no longer (?:very |that |so |really )?"
        r"(?:important|urgent|high|a priority|high priority|top priority)(?: any ?more| now)?",
        # "drop the priority", "take the high priority off it": the task just talked about
        r"(?:drop|remove|clear|lose|get rid of) (?:the |its )?(?:high |low )?priority(?: (?:on|from|off) (?P<ref>it|that|this|that one))?",
        # "no longer urgent on the hendersons one"
        r"(?:no longer|not) (?:important|urgent|high|a priority|high priority|top priority)(?: any ?more)? (?:on|for) (?P<ref>.+)",
    ],
    # "drop the tag", "remove the work tag", "take the tags off it", "untag it"
    "untag": [
        r"(?:drop|remove|delete|clear|take off|lose|get rid of) (?:the |its |all |all the |all its |that )?"
        r"(?:#?(?P<tag>[\w-]+) )?(?:tags?|labels?)(?: (?:from|off|on|of) (?P<ref>.+))?",
        r"take (?:the |its |all the )?(?:#?(?P<tag>[\w-]+) )?(?:tags?|labels?) off(?: (?P<ref>.+))?",
        r"untag (?P<ref>.+)",
        r"(?:no|without) (?:tags?|labels?)(?: (?:on|for) (?P<ref>.+))?",
    ],
    # "no date on that one", "take the date off it", "it has no date any more"
    "undate": [
        r"no (?:due )?date (?:on|for) (?P<ref>.+)",
        r"(?:(?:it|that) (?:has|needs|should have) |give it )?no (?:due )?date(?: any ?more| after all)?",
        r"(?:take|get) (?:the |its )?(?:due )?date off(?: (?P<ref>.+))?",
        r"(?:make it|leave it|it's|keep it) (?:undated|without a date|with no date)",
        # "the bag thing doesnt need a day"
        r"(?P<ref>.+?) (?:doesn't|doesnt|does not|don't|dont|do not) need (?:a |any )?(?:day|date|due date|deadline)(?: any ?more)?",
    ],
}

# A heading of a pasted list that says what to do with its items ("delete these:"); any other is "add".
PASTE_HEADINGS = (
    r"(?:please |pls |can you )?(?:add|put|stick|create|jot down|note down|write down|delete|remove|complete|mark|tick off|"
    r"todo|to-do|to do|new (?:ones|tasks|items|todos|stuff)|more)\b.*"
)
