"""The words of an answer to the assistant's question "Delete “…”? (yes / no)": data, re-exported by vocabulary.py."""

from __future__ import annotations

# fmt: off

YES = {"yes", "y", "yep", "yeah", "yup", "ya", "yah", "yea", "yeh", "yess",
       "sure", "ok", "okay", "do it", "go ahead", "confirm", "yes please",
       "please do", "yes delete it", "yes, delete it", "delete it", "correct", "right", "absolutely"}
NO = {"no", "n", "nope", "nah", "don't", "dont", "do not", "stop", "never mind", "nevermind", "keep it", "no thanks",
      "no, keep it", "cancel", "wait", "not that one", "no not that one", "no, not that one", "neither", "none",
      "none of them", "neither of them", "forget it", "forget that", "never mind that", "nevermind that", "nvm",
      "drop it", "cancel that", "leave it", "no don't", "no, don't", "don't do it", "not now"}

# An answer starting so is a yes, or a no ("yeah go for it", "nope, keep it").
YES_STARTS = {"yes", "yeah", "yep", "yup", "sure", "ok", "okay", "confirm", "absolutely", "definitely", "affirmative"}
HEDGES = {"but", "if", "only", "unless", "except", "maybe", "later", "which", "what", "why", "wait"}
# What may follow a yes and still leave it a plain yes ("yes please delete it"); anything else is no answer.
YES_TAIL = {"yes", "yeah", "yep", "yup", "sure", "ok", "okay", "please", "do", "it", "that", "delete", "remove", "go",
            "ahead", "thing", "thanks", "confirm", "absolutely", "definitely", "fine", "one", "reopen", "them", "all", "for",
            "get", "rid", "of", "toss", "scrap", "ditch", "trash", "bin"}  # "yep get rid of it"
NO_STARTS = {"no", "nope", "nah", "don't", "dont", "keep", "cancel", "stop", "wait", "not", "never", "negative", "nvm", "nevermind",
             "leave"}
# Words around an answer that names an offered task, which name nothing ("the motion obviously", "the first one lol").
ANSWER_FILLERS = {"obviously", "duh", "ofc", "lol", "please", "pls", "thanks", "thx", "ty", "haha", "sorry", "i", "mean", "meant"}
