"""The offline assistant's words for repairing a conversation: data, not code (see vocabulary.py
for the patterns). Read by interpret.py: corrections of the previous turn, messages in another
language, and the words a to-do said without a command word never has.
"""

from __future__ import annotations

# "No, I meant thursday", "wait, make that 6pm", "sorry, the 14th": words that correct the previous
# turn, each its own item (tried in turn, so "no wait, sorry" is three). What follows is the new value.
CORRECTION_MARKERS = [
    r"no+", r"nope", r"nah", r"sorry", r"oops", r"whoops", r"wait", r"hang on", r"hold on", r"actually", r"my bad",
    r"correction", r"i mean", r"i meant", r"i said", r"i wanted", r"err?m?", r"um+", r"uh+", r"not that",
]
# What may join a correction to its new value: "no, I meant *to* thursday", "wait, *make that* 6pm".
CORRECTION_LINKS = (r"(?:(?:make|change|move|set|put) (?:it|that|this)(?: to| for| on| at)?|(?:it's|its|it is|it should be|should be|"
                    r"that's|that should be)(?: on| at| due)?|to|for|on|at)")

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
    "amanhã", "hoje", "adicionar", "obrigado", "tarefa", "minhas",
}

# Words that a to-do said without a command word doesn't have: a message with them that no pattern
# explains is not understood, never added ("no, i meant thursday", "morning, whats on today").
NOT_A_TODO_WORDS = {"meant", "actually", "instead", "whats", "what's", "wait", "sorry", "oops", "nope"}
