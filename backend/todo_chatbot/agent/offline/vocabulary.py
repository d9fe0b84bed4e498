"""The offline assistant's vocabulary: data, not code.

Each intent is a list of regular expressions, every one of them tried (in full)
against the normalised message (reading.clean: polite words, emoticons and
trailing punctuation removed; matched case-insensitively). Named groups label
the spans of a reading, the slots of a `command.Command`:
  ref         - which task ("task 3", "the milk one", "'Buy milk'", "it")
  title       - the title of a new task (add)
  new, desc   - a new title, new notes (update)
  when        - a new date, time, repeat or priority (schedule; the pattern counts
                only if it holds one)
  shift, unit - how far to move a task ("push it back 2 days")
  tag, prio   - a tag to add, a priority to set (schedule)
  q           - words to search for; check - the task a question is about (list)
  pp          - a past participle naming the task's verb ("is rent paid?")
  verb, obj   - a past-tense verb and its object, made into `ref` ("I haven't
                called mom": "call mom")
interpret.py adds slots of its own: text (the cleaned message), asked (it
ended with "?"), dated (a delete whose reference carries a date), plain (a
to-do said without a command word), more (the rest of "I paid rent and called
mom"), verb (for "past": the verb the task's title must have), ask, keep_verb
and bare_hour. A "Which one…?" question keeps some of them in its state for
the answer (state.Pending).
Every pattern that matches is a reading (reading.candidates); the reading whose
own words explain most of the message wins, INTENT_ORDER breaking ties.
"""

from __future__ import annotations

from ...parsing import vocabulary as words
from . import vocabulary_reminders as REMINDERS
from .vocabulary_news import MOVED_BY_SOMEONE

# Said before or after the real request; removed before matching.
POLITE_PREFIXES = [
    r"(?:hey+|hi+|hello+|yo|ok|okay|yeah|yea|let's|lets|so|well|um|umm|uh|erm|hmm|oh+|alright|right|yay|woohoo|phew|hooray|actually|ugh|argh|meh|damn|"
    r"dang|crap|shoot|darn|oops|whoops|and|also|eh|ah|ahh|honestly|seriously|ngl|tbh)[,!:]?",
    r"(?:please|pls|plz|kindly)",
    r"(?:can|could|would|will) (?:you|u|we)(?: please| pls| plz)?",
    r"(?:you|u) (?:can|could)(?: just| now| also)?(?= (?:drop|move|mark|delete|remove|tag|untag|add|change|set|make|push|bump)\b)",
    r"(?:i'd like you to|i want you to|i would like you to)",
    r"(?:go ahead and|just|(?:i )?(?:need to|have to|gotta)(?= (?:move|push|bump|reschedule|postpone|delete|remove|mark|rename)\b))",
    r"(?:quick one|quick q|quick question|quick update|quick|update|fyi|btw|heads up)\s*[:,!–—-]",  # "Quick one: graded the labs", "Quick one — …"
    r"(?:\w+ )?(?:says|said)(?: that)?(?= (?:the|my|our|his|her|it|we|i)\b)",  # "Frank says the tire appointment is Monday"
    # a greeting before the request: "morning! what's on today", "good evening, add …" (not "morning run")
    r"(?:good (?:morning|afternoon|evening|day)|(?:morning|mornin|afternoon|evening|hiya|heya)[,!.]|bonjour|hola|ciao|hallo)",
]
POLITE_SUFFIXES = [
    r"(?:please|pls|plz|thanks|thank you|thank u|thanx|ty|thx|for me|now|right away|real quick|instead|then|same time|as usual)",
    # how it went, not what: "called the plumber finally", "picked up the dry cleaning already actually"
    r"(?:finally|already|at last|just now|actually|lol|haha|btw|fyi|thank god|thank goodness|thank heavens|phew|jk|just kidding|tho|though"
    r"|ugh|sigh|smh|jeez|argh|tbh|honestly|realistically|probably|i think|i guess|imo)",
    # a thought after a comma: "no date on that one, idk when its due yet", "no longer important, theres time"
    r"(?:idk|dunno|i don't know|i dont know|not sure)(?: [^,]*)?",
    r"(?:there's|theres|there is) (?:still )?(?:time|plenty of time|no hurry)(?: [^,]*)?",
    r"(?:i )?(?:don't|dont|do not|no longer) need (?:it|them|that|those|these|this)(?: any ?more)?",
    r"(?:so )?(?:you can |u can |pls |please )?(?:tick|cross|check|mark) (?:it|that|this) off",
]

_DONE = r"(?:done|complete|completed|finished|checked off|ticked off|crossed off)"
_LIST_NOUN = r"(?:list|todo list|to-do list|todos|to-dos|tasks|task list|agenda|plate)"
_MY_LIST = rf"(?:my|the|our)\s+{_LIST_NOUN}"

# "Oops, no wait, undo that": what may come before an undo.
# Each item is its own words (no item is two others, as "no wait" would be), so a message that is not
# an undo fails fast instead of being tried every way it splits.
_OOPS = (r"(?:(?:oops|whoops|oh no|argh|ugh|wait|no|my bad|sorry|that was wrong|that's wrong|"
         r"that was a mistake|that's a mistake|that was not what i meant|not that|i didn't mean (?:that|to))[,!.]? ?)*")

# Verbs that move a task later ("postpone the rent to friday": the Friday after its date).
POSTPONE = r"(?:postpone|push back|push|delay|defer|bump|put off|snooze)"

# "Remove the due date (from …)".
CLEAR_DATE = r"(?:remove|clear|drop|delete|take off|unset) (?:the |its )?(?:due )?date"

# a day or time said in a word or two ("saturday", "tmrw", "the 14th", "1:30pm")
_DAY_SAID = (r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|today|tomorrow|tmrw|tonight"
             r"|the \d{1,2}(?:st|nd|rd|th)|\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?)")
# a repeat said in a word or three ("every other monday", "weekly", "wednesdays")
_REPEAT_SAID = r"(?:every (?:other )?\w+|daily|weekly|monthly|weekdays|weekends|(?:mon|tues|wednes|thurs|fri|satur|sun)days)"
PATTERNS: dict[str, list[str]] = {
    "undo": [
        _OOPS + r"(?:undo|revert|reverse|take back)"
        r"(?: (?:that|it|this|(?:the |my )?last (?:change|action|one|thing|step)|what you just did|the (?:delete|deletion|add|addition|change|edit|rename)"
        # the whole last message is one undo step: "undo all of that", "undo those", "take them all back"
        r"|all (?:of )?(?:that|this|those|them|it)|(?:those|them|these)(?: all)?|everything you just did))?",
        r"ctrl ?[-+]? ?z",
        _OOPS + r"scratch that",
        _OOPS + r"(?:put|bring) (?:it|that|them) back(?: the way (?:it|they) (?:was|were)| as (?:it|they) (?:was|were))?",
        r"restore (?:what |the (?:task|one) )?(?:i|you) (?:just )?(?:deleted|removed)",
        r"restore (?:it|that|them)(?: please)?",
        # "undo" ending a longer message: "no undo, I still need it", "oops, I still need to call her — undo"
        r"no,? undo(?: (?:it|that))?[,.]? .+",
        r".+(?:[,;.!]| [—–-]) ?(?:so |just )?undo(?: (?:it|that|all (?:of )?(?:that|this|those|it)|everything))?",
        # an undo, then why: "undo that, payment didnt go thru", "scratch that, not my job"
        _OOPS + r"(?:undo|revert|reverse|take back|scratch)(?: (?:that|it|this|all (?:of )?(?:that|this|those|it)|everything))?"
        r"(?:[,;.!]| [—–-]| (?:because|since|cuz|coz|as)\b) ?(?!.*\b(?:don't|dont|do not|never ?mind|no wait|wait no)\b).+",
        r"(?:i didn't mean (?:that|to)|that was (?:a mistake|wrong)|that's wrong|my bad)",
        _OOPS + r"take (?:that|it|(?:all )?(?:of )?(?:that|those|them)(?: all)?) back",
    ],
    # Requests it can't serve: one line, nothing listed or changed.
    "offtopic": [
        r"(?:what(?:'s| is| will be)|how(?:'s| is)|will it|is it going to|tell me|show me|check)(?: the)?\b.*\b(?:weather|forecast|temperature|rain|snow)\b.*",
        r"(?:tell me|say|know|got|give me)(?: me)? (?:a |any |another )?(?:joke|riddle|story|poem|fun fact)s?.*",
        r"(?:what(?:'s| is)|who(?:'s| is)|who won|when is|where is|how (?:old|tall|far|much is|many people))\b.*\b(?:news|score|game|match|president|capital|population|stock|price of|bitcoin|meaning of life|distance)\b.*",
        r"(?:what(?:'s| is)|calculate|compute) [\d\s.()+*/x-]+[+*/x-][\d\s.()+*/x-]+",
        r"(?:translate|define|spell|play|sing|book me a|call me a|set an? (?:alarm|timer)|wake me|search the web|google)\b.*",
        r"(?:what time is it|what's the time|what day is it|what's the date)(?: today| now| in .+)?",
        r"(?:write|compose|draft) me (?:a|an) (?:poem|song|story|essay|email|letter)\b.*",
        r"turn (?:on|off) (?:the )?(?:lights?|tv|heating|music|radio)\b.*",
        r"how (?:tall|old|big|far|long|heavy|deep) (?:is|are|was)\b.*",
        r"how (?:do|can|should) i (?:cook|make|bake|fix|get to|learn|lose|grow)\b.*",
        r"how many (?:calories|people|miles|km|kilometres|kilometers|days until|grams)\b.*",
        r"(?:recommend|suggest) (?:me )?(?:a |an |some )?(?:good )?(?:movie|film|book|restaurant|song|show|series|recipe|podcast)s?\b.*",
        r"convert \S+ .*\bto\b.*",
        r"(?:what(?:'s| is)|calculate|work out) [\d.]+ ?%(?: of)? [\d.]+.*",
        r"(?:tell|show) me something (?:funny|interesting|new|cool|nice|random)\b.*",
        r"if\b[^,]+,? (?:then )?(?:please )?(?:delete|remove|mark|complete|move|change|add|rename|clear)\b.*",
    ],
    "smalltalk": [
        *words.SMALL_TALK,  # greetings, thanks, "how are you", goodbyes (shared: they never name a conversation)
        r"there",  # "hey there", once "hey" is taken off
        # a command not to: nothing to do
        r"(?:do not|don't|dont|never|please don't) (?:delete|remove|erase|touch|change|complete|mark|move|rename|clear)\b.*",
        # Letting something drop: never a delete of "it".
        r"(?:forget (?:it|that|about it|about that)|never ?mind(?: (?:that|it|then))?|nvm|no worries|(?:it )?doesn't matter|leave it)",
        r"(?:no|nope|nah|not now|maybe later)",
    ],
    # Several tasks at once (lists.bulk): completing acts at once, as one undo step;
    # reopening several and deleting list what they would change and ask first; anything
    # else (moving, renaming, tagging several) is answered with BULK_CANT, not guessed at.
    "bulk": [
        r"(?:[^,]+, )?(?:delete|remove|clear|erase|wipe|empty|drop|get rid of|clean up)(?: out)? (?:all|every|everything|each)\b.*",
        r"(?:reopen|re-open|uncheck|unmark|untick|uncomplete|move|push|postpone|reschedule|shift|bump|defer|change|rename|tag) (?:all|every|everything|each)\b.*",
        r"(?:move|push|postpone|reschedule|shift|bump|defer|reopen|uncheck|complete|finish|delete|remove|clear)(?: all| all of)? (?:my |the )?"
        r"(?:today's|tomorrow's|this week's|overdue|late|high[- ]priority|low[- ]priority|urgent|done|completed|finished|open|pending) (?:tasks|todos|to-dos|items|ones)\b.*",
        r"(?:clear|wipe|empty|clean up|reset)(?: out)? (?:my|the) (?:whole |entire )?(?:list|todo list|to-do list|tasks)",
        r"(?:clear|delete|remove) (?:the )?(?:completed|done|finished)(?: ones| tasks| items| todos)?",
        r"(?:mark|complete|finish|tick off|check off)(?: off)? (?:all|every|everything|each)\b.*",
    ],
    "help": [
        r"(?:help|help me|\?|what can you do|what do you do|what can i (?:say|do|ask)|how does (?:this|it) work)",
        r"help(?: me)?(?: please| pls)?[,!.]? (?:how|what)\b.*",
        r"how (?:do|can|should) (?:i|you|we) (?:add|delete|remove|mark|complete|finish|rename|change|use|undo|set|tag|make|edit|list|see|find|repeat)\b.*",
        r"(?:what|which) (?:commands|things can i say|can i ask)\b.*",
        r"(?:show|tell|give) me (?:the |your |a list of )?(?:commands|options|instructions)",
        r"(?:can|do) you (?:do|handle|support|understand|set|remember) (?:recurring|repeating|due dates|dates|priorities|tags|reminders|times)\b.*",
        r"(?:do|handle|support|understand) (?:recurring|repeating|due dates|dates|priorities|tags|reminders)\b.*",
        r"(?:what are you able to do|what else can you do|i'm lost|im lost|i am lost|instructions|usage|how to use|what now)",
        r"(?:how do i use (?:this|you)|what are you|who are you|commands|menu|start|options)",
    ],
    "list": [
        r"(?:did i|have i|did we|have we) (?:already |actually |really )?(?:finish|finished|complete|completed|do|done|did|tick off|check off) (?P<check>.+)",
        r"(?:is|was|are) (?P<check>.+?) (?:done|finished|completed|complete|ticked off|checked off)(?: yet| already)?",
        r"when(?: is| was| are|'s|s) (?P<check>.+?) due(?: again)?",
        r"(?:is|are) (?P<check>.+?) still (?:on|due|for|at|happening)\b.*",  # "is restringing still on saturday?"
        r"(?:is|are|was|were|has|have) (?P<check>(?!it\b|there\b).+?) (?:been )?(?:already )?(?P<pp>[a-z]+(?:ed|id|ught|ent|one|ook|ote))(?: yet| already)?",
        r"(?:did i|have i|did we|have we|'ve i) (?:already |actually |really |ever )?(?P<check>[a-z]+ .+?)(?: yet| already)?",
        r"(?:find|search(?: for)?|look for|look up|where is|where's) (?!an? |some |new )(?P<q>.+)",
        r"when(?:'s| is| are|s) (?!.*\bdue$)(?:my |the )?(?P<q>(?!it\b|that\b).+?)(?: now| again| happening| on)?",  # "when's rehearsal now?"
        r"(?:is there |are there |do i have |have i got |show me |list )?(?:anything|something|any tasks?|tasks?|todos?) (?:about|mentioning|that mentions?) (?P<q>.+)",
        r"(?:show|list|display|view|tell (?:me|us)|give (?:me|us)|let (?:me|us) see)(?! the \w+ to\b)\b.*",
        r"(?:what|what's|whats|which|anything|any|how many)\b.*",
        r"(?!do it\b)(?:am|do|does|did|have|has|is|are|was|were) (?:i|you|we|they|my|it|there|the list|anything)\b.*",
        r"(?:check|read(?: me)?|see|view|go through|go over) (?:my|the|our) (?:whole |entire )?(?:list|tasks|todos|to-dos|todo list|to-do list|agenda)\b.*",
        r"check what(?:'s| is| i have)\b.*",
        r"(?:is|are) (?P<check>.+?) (?:still )?(?:on|in) (?:my|the) (?:todo |to-do )?list",
        r"remind me (?:what|of what) (?:i|we) (?:have|need|got) to do\b.*",
        r"remind me (?:what|of what)(?: (?:i|we) (?:have|need|got))?(?: (?:on|for|due|this|next|today|tomorrow)\b.*)?",
        r"(?:(?:today|tomorrow|this week|next week)'s|overdue|late|open|pending|done|completed|finished|high[- ]priority|urgent|important|my) (?:tasks|todos|to-dos|items|list)(?: (?:for|due|tagged) .+)?",
        r"(?:tasks|todos|to-dos|items|things) (?:for|due|tagged|with|from|on) .+",
        rf"(?:my |all |all my |the )?(?:open |pending |remaining |finished |completed |done |outstanding )?{_LIST_NOUN}",
        r"(?:pending|completed|finished|done|open|remaining|outstanding)(?: ones| items| tasks)?",
    ],
    "reopen": [
        r"(?:mark|set|flag|put) (?P<ref>.+?) (?:as |back to |back as )?(?:not done|not complete|not completed|not finished|undone|incomplete|unfinished|open|pending|to do)(?: again)?",
        r"(?:reopen|re-open|unmark|uncheck|untick|unfinish|uncomplete|un-check|un-tick|un-mark|un-complete|un-finish|undo complete on|undo completing) (?P<ref>.+)",
        r"(?:put|add) (?P<ref>.+?) back (?:on|onto|in|to) (?:my|the) (?:todo |to-do )?list",
        r"make (?P<ref>.+?) (?:active|open|pending) again",
        r"(?P<ref>.+?)(?:'s| is) not (?:done|finished|complete|completed)(?: actually| yet| after all)?",
        r"(?:i|we) (?:didn't|did not|haven't|have not|havent|didnt) (?:actually |really |yet )?(?:finish|finished|complete|completed|do|done) (?P<ref>.+?)(?: yet| after all)?",
        r"(?:i|we) (?:didn't|did not|haven't|have not|havent|didnt) (?:actually |really |yet )?(?P<verb>[a-z]+) (?P<obj>.+?)(?: yet| after all)?",
        r"(?P<ref>.+?) (?:isn't|is not|wasn't|was not|isnt|wasnt) (?:actually |really )?(?:done|finished|complete|completed)(?: yet| after all)?",
    ],
    # Changes to a task's date, time, repeat, priority or tags. A pattern with a <when>
    # counts only if <when> holds a date, time, repeat, priority or tag.
    "schedule": [
        # "do monday instead", "do it the 6th": the task talked about, then
        r"do (?:(?P<ref>it|that|this) )?(?P<when>(?:on |by )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tmrw|today|tonight"
        r"|the \d{1,2}(?:st|nd|rd|th))(?: (?:at )?\d{1,2}(?::\d\d)?\s*(?:am|pm)?)?)(?: instead| then)?",
        # "call mum is actually wednesday, not tuesday"
        r"(?P<ref>.+?) (?:is|'s|are) actually (?:on |due |due on |for )?(?P<when>.+?)(?: now)?(?:,? (?:and )?not (?:on |at |for )?[^,]+)?",
        CLEAR_DATE + r"(?: (?:from|of|on|for) (?P<ref>.+))?",
        rf"(?:{POSTPONE}|move) (?P<ref>.+?) (?:back |forward |out )?(?:by )?(?P<shift>\d+|a|an|one|two|three|four|five|six|seven) (?P<unit>days?|weeks?)",
        rf"(?:actually )?(?:move|reschedule|shift|{POSTPONE}) (?!an? (?:reminder|task|todo|to-do|note)\b)(?P<ref>.+?) (?:(?:up|back|forward|out|over) )?(?:to|until|till|for|due|due on|on) (?P<when>.+)",
        # everyday verbs only with "to": "change the sheets on sunday" is a to-do
        r"(?:actually )?(?:change|set|make|put) (?!an? (?:reminder|task|todo|to-do|note)\b)(?P<ref>(?:(?!\bpriority\b).)+?)(?<!,) (?:to be due(?: on| by)?|to|until|till|due|due on) (?P<when>.+)",
        # "sorry 2:30 for the wholesaler call": a new time or day, then which task it is for
        r"(?P<when>(?:at )?\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?|noon|(?:mon|tues|wednes|thurs|fri|satur|sun)day|tmrw|tomorrow|today) "
        r"(?:for|on) (?P<ref>(?:the|my) .+?)(?: instead| then)?(?:,? not (?:on |at )?[\w:]+)?",
        # "monologues to monday", "chart audit -> saturday": a thing and the day it moves to, no verb
        r"(?P<ref>(?!(?:go|drive|walk|come|get|head|move|push|bump|postpone|shift|reschedule|set|change|make|put|mark|drop|talk|speak|write"
        r"|send|give|take|bring|email|text|call|up|back|down)\b(?! ?(?:->|=>|→)))[^,]+?) "
        r"(?:to|->|=>|→) (?P<when>(?:(?:next )?(?:mon|tues|wednes|thurs|fri|satur|sun)day|tmrw|tomorrow|today|tonight|the \d{1,2}(?:st|nd|rd|th))"
        r"(?: (?:high|low|medium) priority)?)(?: instead| then| now)?(?:, (?!.*(?:->|=>|→)).*)?",
        # "hive tool pricing can wait til saturday", "staffing grid isn't due til saturday actually"
        r"(?P<ref>[^,]+?) (?:can|could|will have to|has to|can just) wait (?:til|till|until|to|for) (?P<when>.+?)(?: actually| now)?",
        r"(?P<ref>[^,]+?) (?:isn't|isnt|is not|aren't|arent|are not) due (?:til|till|until|before) (?P<when>.+?)(?: actually| now)?",
        # "mrs abbott wants the delivery at 11 instead": what someone asked for, of a task
        r"[\w'. ]+? (?:wants|needs|asked for|would like|prefers) (?P<ref>(?:the|her|his|their|our) [^,]+?) "
        r"(?:moved to )?(?P<when>(?:at|on|for) [^,]+?)(?: instead| now)?",
        # "ok I'll get to the PTO requests monday": when the person will do a task
        r"(?:i'll|ill|i will|i'm gonna|im gonna|gonna|i can) (?:get to|do|handle|tackle|deal with|look at|finish) (?P<ref>(?!it\b|that\b|them\b)[^,]+?) "
        r"(?P<when>(?:on |by |next |this )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tmrw|tomorrow|tonight|later today|the \d{1,2}(?:st|nd|rd|th)))",
        # "ok do them tmrw then": doing the task just talked about on a day
        r"(?:(?:i'll|ill|i will|let's|lets|we'll|gonna|i'm gonna) )?do (?P<ref>it|that|this|them|those|that one) (?P<when>.+?)(?: then| instead)?",
        # "inspection's gonna be sunday, rain on sat"
        r"(?P<ref>[^,]+?)(?:'s| is| will|'ll) (?:gonna |going to |now )?be (?:on |at |for )?(?P<when>[^,]+?)(?:, .*)?",
        r"(?:actually )?(?:make|set|have) (?P<ref>.+?) (?:repeat|recur)s? (?P<when>.+)",
        # "back up drives should repeat every friday"
        r"(?P<ref>.+?) (?:should|will|needs to|has to) (?:repeat|recur|happen) (?P<when>.+)",
        # "make the tutoring every other week instead"
        r"(?:actually )?(?:make|set|have|switch) (?P<ref>.+?) (?:to )?(?P<when>every .+?|daily|weekly|monthly|biweekly)",
        r"(?:actually )?(?:make|mark|set|flag) (?P<ref>.+?)(?<! is)(?<! are) (?:as )?(?:(?P<when>(?:(?:high|low|medium|normal|top) priority|p[1-4]|urgent)(?: #[\w-]+)*"
        rf"(?:,? (?:and )?(?:due |on |by )+{_DAY_SAID})?)|(?P<prio>important))",
        r"(?:actually )?(?:make|mark|set|flag) (?P<ref>.+?) (?:as |to )?(?P<prio>high|low|medium)(?: priority)?(?: too| as well)?",  # "mark … as high"
        r"(?:drop|bump|lower|raise|knock|move|put) (?P<ref>.+?) (?:down |up )?to (?P<prio>high|low|medium)(?: priority)?",  # "drop it to low"
        r"tag (?P<ref>[^,]+?) (?:with |w/ ?|as )?['\"]?(?P<tag>(?!(?:one|too|also|it|that|this|them|again)\b)#?[\w-]+)['\"]?(?: too| as well| also)?"
        r"(?: (?P<prio>high|low|medium) priority)?",  # "tag the cooler task chores and make it low"
        r"label (?P<ref>.+?) (?:with |w/ ?|as )(?P<tag>#?[\w-]+)",
        # "Bob says the sunscreen should be tagged cruise too", "the permit one needs the admin tag"
        r"(?:[\w' ]+ (?:says|said|thinks|wants) )?(?P<ref>.+?) (?:should|needs to|has to|must|could) (?:be tagged|be labell?ed|have (?:the )?tag)"
        r" (?:as |with )?#?(?P<tag>[\w-]+)(?: tag)?(?: too| as well| also)?",
        # "put the abstract and the PI meeting under #grant", "file the receipts under taxes"
        r"(?:put|file|stick|move) (?P<ref>.+?) (?:under|in|into) #(?P<tag>[\w-]+)",
        r"(?:put|file) (?P<ref>.+?) under (?P<tag>[\w-]+)(?: like (?:the )?[\w' -]+| too| as well)?",  # "… under bills like the water"
        r"(?:add|put) (?:the |a )?(?:tag|label) #?(?P<tag>[\w-]+) (?:to|on) (?P<ref>.+?)(?: too| as well| also)?",
        r"(?:add|put|stick) #(?P<tag>[\w-]+) (?:to|on) (?P<ref>.+?)(?: too| as well| also)?",
        r"(?:add|put|stick) (?:the |a )?#?(?P<tag>[\w-]+) (?:tag|label) (?:to|on) (?P<ref>.+?)(?: too| as well| also)?",  # "add the court tag to …"
        r"(?:set|change|make) (?:the )?priority (?:of|for|on) (?P<ref>.+?) (?:to|as) (?P<prio>high|medium|low|none|normal|urgent)",
        r"(?:remove|clear|drop|take) (?:the )?(?:high |low |medium )?priority (?:from|of|on|off) (?P<ref>.+)",
        r"(?:prioriti[sz]e) (?P<ref>.+)",
        r"(?P<prio>urgent|asap|important|high priority|top priority) (?:on|for) (?P<ref>.+)",  # "asap on that one"
        r"(?:(?:change|set|move|update|push|make|put) )?(?:the )?(?:due date|deadline|date) (?:for|of|on) (?P<ref>.+?) (?:should be|is|is now|to) (?P<when>.+)",
        r"(?P<ref>.+?) (?:is|is now|are|are now|'s) due (?P<when>.+?)(?:,? not (?:on |at |for )?[^,]+)?",
        # "OT slip actually goes in monday", "the newsletter goes out friday"
        r"(?P<ref>.+?) (?:actually |now )?(?:goes|go|gets|get|has to go|needs to go) (?:in|out|off)(?: on| by)? (?P<when>.+?)(?: now| instead)?",
        # "beach permit gets paid on the 1st of every month" (the task's verb, said of it)
        r"(?P<ref>.+?) (?:gets|get|will get|will be) (?P<pp>[a-z]+ed|paid|done|sent|bought|made) (?P<when>(?:on|by|every|each|at|this|next)\b.+)",
        r"(?P<ref>.+?) (?:is|'s|are) (?:now )?(?:(?:set|scheduled|booked|planned|confirmed|happening|going to be|gonna be) |(?:moving|changing|switching) to )?"
        r"(?:on |for )?(?P<when>.+?)(?: now)?(?:,? (?:and )?not (?:on |at |for )?[^,]+)?",  # "call mum is tomorrow at 6pm", "the flight is urgent", "… is set for saturday"
        r"(?P<ref>[^,]+?) (?:should|must|has to|needs to|need to|have to|is to|are to|can|could|may) be (?:(?P<pp>[a-z]+ed|done|paid|sent|bought|made) |in |ready |back )?"
        r"(?:by |on |for |before |at |until )?(?P<when>.+?)(?:,? (?:and )?not (?:on |at |for )?[^,]+)?",
        # "the site visit, that one moves to monday too"
        r"(?P<ref>.+?),? (?:that one|that|it|this one) (?:moves|goes|is moving|should move|needs to move) to (?P<when>.+?)(?: too| as well)?",
        *MOVED_BY_SOMEONE,  # vocabulary_news.py
        # "meal prep saturday, not sunday": a task's day said again with the old one named
        rf"(?P<ref>(?!(?:its|it's|it|that's|thats|that|this|wait|no|nope|sorry|oops|actually|i|make)\b)[^,]+?)(?<! comes)(?<! is)(?<! starts)(?<! happens)(?<! arrives) (?:on |at )?"
        rf"(?P<when>{_REPEAT_SAID}|(?:next )?{_DAY_SAID})(?: now| instead)?,? (?:and )?not (?:on |at )?(?:{_DAY_SAID}|{_REPEAT_SAID})",
        # "piano tuner comes monday not saturday": the old day named, so a task's ("the plumber comes at 9" is a to-do)
        r"(?P<ref>.+?)(?: comes| is coming|'s coming| happens| is happening|'s happening| arrives| is arriving| starts) (?:on |at )?"
        r"(?P<when>.+?)(?: now)?"
        r",? (?:and )?not (?:on |at |for )?[^,]+",
        # "the keys have to go back on the 30th", "the library books need to go back by friday"
        r"(?P<ref>.+?) (?:has|have|need|needs) to go (?:back|out|in) (?:by |on |before |until )?(?P<when>.+?)(?:,? (?:and )?not (?:on |at |for )?[^,]+)?",
        r"(?:actually )?(?:make|set) (?P<ref>it|that|this|that one|this one) (?P<when>.+)",
        # "make the gym one 6:30", "make the gift one the 12th" (a task named by "the … one")
        # "make the usher training 3 not 4": a task named, its new hour and the old one
        r"(?:actually )?(?:make|set|move) (?P<ref>the [\w' -]+?) (?P<when>\d{1,2}(?::\d\d)?\s*(?:am|pm)?),? not (?:at )?\d{1,2}(?::\d\d)?\s*(?:am|pm)?",
        r"(?:actually )?(?:make|set|switch) (?P<ref>the (?!(?:first|second|third|last|next|other) one\b)[\w' -]+? (?:one|task|thing)) "
        r"(?:to |for |on |at |due )?(?P<when>.+)",
        r"(?:actually )?(?:do|move|put) (?P<ref>it|that|this|that one|this one) (?P<when>.+)",
    ],
    "update": [
        # "change chapter 4 to chapter 5 on the study one": words of a title, and the task they are in
        r"(?:change|switch|swap|replace) (?P<old>[^,]+?) (?:to|with|for) (?P<new>[^,]+?) (?:on|in|for) (?P<ref>(?:the|my|that|this|task) [^,]+)",
        # the plan's forms: "edit task 2: …", "update task 1 title to …"
        r"(?:edit|change|update|modify|rename) (?P<ref>(?:task|item|todo|number|no\.?|#) ?#?\d+)(?::| -|,) (?P<new>.+)",
        r"(?:change|update|edit|set|modify|rename) (?P<ref>.+?)(?:'s)? (?:title|name|wording) (?:to|as|into) (?P<new>.+)",
        r"(?:call|name) (?P<ref>it|that|this|that one) (?P<new>'[^']+'|\"[^\"]+\"|“[^”]+”)(?: instead)?",
        r"(?:make|change) (?P<ref>it|that|this|that one) (?:to )?(?P<new>'[^']+'|\"[^\"]+\"|“[^”]+”)",
        r"i meant (?P<new>'[^']+'|\"[^\"]+\"|“[^”]+”),? not (?P<ref>'[^']+'|\"[^\"]+\"|“[^”]+”)",
        r"(?:rename|retitle|change|update|edit|modify|correct|fix) (?P<ref>'[^']+'|\"[^\"]+\"|“[^”]+”) (?:to|into|as) (?P<new>.+)",
        r"(?:add|set|put|write)(?: a)? (?:note|description|details)(?: to| on| for) (?P<ref>.+?)\s*(?::|saying|that says|-)\s*(?P<desc>.+)",
        r"(?:change|set|update|edit) (?:the )?description (?:of|for|on) (?P<ref>.+?) to (?P<desc>.+)",
        r"(?:change|update|edit|set|modify) (?:the )?(?:title|name|wording) (?:of|for|on) (?P<ref>.+?) to (?P<new>.+)",
        r"(?:rename|retitle|relabel|reword|change|update|edit|modify|correct|fix) (?P<ref>.+?) (?:to say|so it says|so it reads|to read(?=:? ?[\'\"“])|to|into|as) (?P<new>.+)",
        r"(?P<ref>.+?) should be called (?P<new>.+)",
        r"(?P<ref>.+?) should (?:say|read) (?P<new>'[^']+'|\"[^\"]+\"|“[^”]+”)",
    ],
    "complete": [
        rf"(?:mark|set|flag|tick|check|cross|tick off|check off|cross off) (?P<ref>.+?) (?:as |to )?{_DONE}",
        r"(?:mark|set|flag) (?P<ref>.+?) (?:as |to )?(?:complete|finished|done)",
        # Not "check", "close" or "wrap up" alone: "check the oil", "close the windows" are to-dos of their own.
        r"(?:tick off|check off|cross off|tick|complete|finish|resolve) (?P<ref>.+)",
        r"(?:check|close|wrap up) (?P<ref>(?:task|item|todo|number|no\.?|#) ?#?\d+)",
        r"(?:tick|check|cross|mark) (?P<ref>.+?) off(?: (?:the|my) (?:todo |to-do )?list)?",
        r"(?:i(?:'ve| have)? )?(?:just )?(?:crossed|ticked|checked) off (?P<ref>.+)",
        r"(?:i(?:'ve| have)?|we(?:'ve| have)?) (?:just |already |finally )?(?:finished|completed|done|did|ticked off|checked off|wrapped up) (?P<ref>.+)",
        r"(?:i'm|im|i am|we're|we are) (?:all )?(?:done|finished) (?:with )?(?P<ref>.+)",
        r"(?:all )?(?:done|finished|completed)(?: with|[:,-]) (?P<ref>.+)",
        r"(?P<ref>.+?) (?:is|are|has been|have been) (?:now |all |finally )?(?:sorted|sorted out|taken care of|handled|dealt with|out of the way|over with)",
        r"(?:done with|done w/?|finished with|finished w/?|finished|completed|did|took care of|dealt with|sorted out) (?P<ref>.+)",
        rf"(?P<ref>.+?) (?:is|are|was|has been|have been) (?:now |all |finally )?{_DONE}",
        rf"(?P<ref>.+?)(?: -|:)? {_DONE}",
    ],
    "delete": [
        r"cancel (?P<ref>(?:task|item|todo|number|no\.?|#) ?#?\d+)",
        r"(?P<ref>.+?) (?:is|was|has been|got) (?:cancell?ed|called off|off|not happening)[,;.] (?:so )?(?:delete|remove|drop|get rid of) (?:it|that)",
        r"(?:i|we)(?:'m| am|'re| are)? (?:won't|will not|not) (?:be )?(?:doing|going to do) (?P<ref>.+?)[,;.] (?:so )?(?:delete|remove|drop|get rid of) (?:it|that)",
        r"(?:take|cross|strike|scratch) (?P<ref>.+?) off (?:of )?(?:my|the) (?:todo |to-do )?list",
        r"(?:ditch|nix|axe|bin|toss|chuck|skip) (?P<ref>(?:the|that|this|my|task|#)\b.+|it|that|this)",  # loosely said: a delete that asks
        r"(?:never ?mind|nvm|(?:(?:we|i) can (?:prob(?:ably)? )?)?lose) (?P<ref>(?:the|that|this|my)\b.+? (?:thing|one|stuff))",  # "never mind the X thing"
        # Not take, cancel, clear or kill: alone they are everyday to-dos ("cancel my gym membership").
        rf"(?:delete|remove|erase|drop|discard|trash|bin|scrap|scratch|nuke|get rid of|forget(?: about)?|cross out|strike) (?!(?:the |its )?(?:(?:high|low) )?priority\b)(?P<ref>.+?)(?: (?:off|from|out of) {_MY_LIST})?",
        # not "I don't have milk": that is why it is on the list
        r"(?:i |we )?(?:prob(?:ably)? )?(?:don't|do not|no longer|dont) (?:think (?:i|we) |really )?(?:need to|want to|have to|need|want) (?P<ref>.+?)(?: anymore| any more| after all)?",
        r"(?P<ref>.+?) (?:is|are|isn't|isnt|aren't) (?:no longer needed|not needed anymore|cancell?ed|called off|(?:not )?happening(?: anymore| any more)?)",
        # "the portfolio thing can go, not happening this year": said of it, so it asks
        r"(?P<ref>(?:the|that|this|my) .+?) (?:can|could) (?:go|come off(?: the list| my list)?|be deleted|be removed|be dropped|be scrapped)",
    ],
    "add": [
        # a quoted title and its notes: "add 'Q3 budget review' with description 'numbers from finance'"
        r"(?:add|create|new)(?: a| an)?(?: new)?(?: task| todo| to-do| item)?:? (?P<title>'[^']+'|\"[^\"]+\"|“[^”]+”),?"
        r" (?:with|and)(?: the| a)? (?:description|notes?|details?)(?: of| saying)?:? (?P<desc>.+)",
        r"(?:remind me to|remind me about|remind me|remember to|don't let me forget to|dont let me forget to|don't forget to|dont forget to|do not forget to|i (?:also |still |really |just )?need to|i (?:also |still )?have to|i must|i should(?: probably| really)?|i gotta|i've got to|ive got to|i got to|need to|have to|gotta|must|todo|to-do|to do|task|note to self|set(?: up)? a reminder to|set(?: up)? a reminder for|(?:i )?need a reminder to|i'd like to add|i want to add|please add)[:,]? (?P<title>.+)",
        rf"(?:add|create|new(?=:| (?:task|todo|to-do|item|reminder|entry)s?\b)|insert|jot down|write down|note down|put down|note)(?: a| an| another| one more)?(?: new)?(?: task| todo| to-do| item| reminder| entry)?(?: (?:to|for|that says|saying|called|named|titled))?(?: \d+ (?:tasks|things|items|todos))?:? (?P<title>.+?)(?: (?:to|on|in|onto) {_MY_LIST})?",
        rf"(?:put|stick|throw|make|schedule|plan) (?P<title>.+?) (?:to|on|in|onto) {_MY_LIST}",
        # "add these pls:", "pls add these for the show:" (the heading names no to-do)
        r"(?:put|add|stick) (?:these|the following|this|this lot|a few|a couple|some|(?:\d+|two|three|four|five)(?= more| things| items| tasks))\b[^:;]*: (?P<title>.+)",
        r"(?:(?:new|another|one more|(?:two|three|four|a few|\d+) more)(?: ones?| tasks?| todos?| to-dos?| items?| things?| jobs?| stuff)?|next(?: up)?)"
        r"(?::|,| -) (?P<title>.+)",  # "new one: log book check …", "two more: …"
    ],
}

# The order readings are weighed in when they explain as much of a message (the earlier the heavier).
PATTERNS |= REMINDERS.PATTERNS
INTENT_ORDER = ["undo", "offtopic", "smalltalk", "bulk", "help", "reminders", "list", "remind", "reopen", "schedule", "update",
                "complete", "delete", "add"]
# The intents a question may have: questions only ever read the list.
QUESTION_INTENTS = ["offtopic", "smalltalk", "help", "reminders", "list"]
# Added to the share of the message a pattern explains (0..1); small, so it only breaks ties.
INTENT_WEIGHTS = {intent: 0.001 * (len(INTENT_ORDER) - i) for i, intent in enumerate(INTENT_ORDER)}

# Questions only ever read the list: they never change it. "do it the 6th" asks for a change.
QUESTION_STARTS = (r"(?!do it\b)(?:what|what's|whats|which|how many|anything|any|(?:am|do|does|did|have|has|is|are|was|were) "
                   r"(?:i|you|we|they|my|it|there|anything)|(?:is|are|was|were) the)\b")

# The words that name a task without being its title: vocabulary_refs.py.
from .vocabulary_refs import ALL_WORDS, BULK_WORDS, ID_REF, LOOSE_NAMING, ORDINALS, PRONOUNS, REF_FILLER, THAT_THING, VAGUE_WORDS  # noqa: E402, F401

# Command words that a typo ("ad", "shw", "delte") is matched against, when nothing else fits.
COMMAND_WORDS = ["add", "show", "list", "delete", "remove", "complete", "finish", "finished", "mark", "rename", "undo",
                 "remind", "find", "reopen", "move", "tag", "what's", "create"]
NEGATING_PREFIXES = {"un", "un-", "in", "in-", "non", "non-", "dis", "de", "de-"}  # "un-complete" is no typo of "complete"
TYPO_SCORE = 75  # rapidfuzz ratio (0..100) a misspelt command word must reach

# Short replies to small talk, by its first word.
SMALLTALK_REPLIES = {
    "greeting": "Hi! I keep your todo list — tell me what to add, or ask “what's due today?”.",
    "thanks": "You're welcome!",
    "ok": "👍 Anything else for your list?",
    "how": "All good, thanks — ready when you are. What should I add?",
    "bye": "Bye! Your list will be here when you're back.",
    "leave": "OK — I'll leave it as it is.",
}
CONDITIONAL_REPLY = "I can't do something on a condition — tell me when it's time, and I'll do it then."
OFFTOPIC_REPLY = "I only keep your todo list, so I can't help with that. Try “what's due today?” or “add …”."

# "Change the report to done": a state or a priority, not a new title.
DONE_STATES = {"done", "complete", "completed", "finished", "ticked off", "checked off"}
OPEN_STATES = {"not done", "undone", "open", "pending", "incomplete", "unfinished", "to do", "not finished"}
PRIORITY_LEVELS = {
    "high": "high", "high priority": "high", "urgent": "high", "important": "high", "top priority": "high", "p1": "high",
    "medium": "medium", "medium priority": "medium", "normal": "medium", "p2": "medium",
    "low": "low", "low priority": "low", "p3": "low", "no priority": "none", "p4": "none",
}
# A message that asks for a new title in so many words (otherwise "change X to Y" may keep X's verb).
RENAME_VERBS = (r"(?:rename|retitle|relabel|reword)\b|(?:change|update|edit|set|modify) (?:the )?(?:title|name|wording)\b"
                r"|.+ should be called\b|(?:change|update|edit|set|modify) .+ (?:title|name|wording) (?:to|as|into)\b")
# A message starting so is about the speaker, not a thing to do: "I'm so tired today".
SUBJECTS = {"i", "i'm", "im", "i've", "ive", "i'll", "i'd", "we", "we're", "you", "you're", "it", "it's", "its", "that",
            "that's", "this", "he", "she", "they", "there", "there's", "what", "why", "how", "who", "where", "when"}
# Answers to "Which one…?" that pick several.
SEVERAL = {"both", "all of them", "all", "either", "either one", "any", "both of them", "each"}
# A new title can't start with these: "change the passport to the afternoon" is not a rename.
NOT_A_TITLE_START = {"the", "a", "an", "after", "before", "later", "sometime", "next", "this", "in", "at", "on", "by",
                     "around", "until", "till", "tomorrow", "today", "tonight", "morning", "afternoon", "evening"}

# Answers to "Delete “…”? (yes / no)": vocabulary_answers.py.
from .vocabulary_answers import HEDGES, NO, NO_STARTS, YES, YES_STARTS, YES_TAIL  # noqa: E402, F401

# Finding the task a reference means (ranking.py).
# Short forms a reference may use for a word of a title ("the staff mtg" for "Staff meeting"), either way round.
WORD_RATIO = 80  # the rapidfuzz ratio (0..100) a misspelt word of a reference must reach against a title's word
COVERAGE_WEIGHT = 0.2  # how much of a task's score is the share of its title the reference covers
RANK_MARGIN = 10  # the lead (in points of 0..100) the best task needs over the next; less asks which one
MAX_OPTIONS = 5  # at most this many tasks named in a "Which one…?" question
FIRM_BY_NUMBER = r"cancel (?:task|item|todo|number|no\.?|#) ?#?\d+"  # a firm delete by number, though "cancel" alone is a to-do
