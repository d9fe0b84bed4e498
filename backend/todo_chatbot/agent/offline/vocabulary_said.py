"""How a request is said around its slots: the shapes `reading.clean` rewrites before a message is
matched (a tag or a priority said as "tag it …" or "mark it important", a task named first and then
called "that", degree words, a weekly repeat said twice), and the words it reads a doing word or a
heading's day by. Data, compiled in reading.py."""

# "… because it's due", "… while theyre in spain": a reason, no part of the request
BECAUSE = (
    r"\s+(?:(?:while|because|cos|coz|cuz|since|as|so(?: that)?|bc)\s+(?=(?:i|i'm|im|we|we're|he|she|they|theyre|they're|it|its|it's"
    r"|ppl|people|everyone|everybody)\s)"
    r"|(?:because|bc|b/c|cos|cuz) of\s+|due to\s+)"  # "… to monday bc of the rain forecast"
)
# "it's important": how important, said first
IMPORTANT_FIRST = r"(?:it'?s |its |it is |this is |that'?s )?(?:really |very |super )?(?P<level>important|urgent|asap|high priority)\b"
# "…, tag it social", "DEA license - tag it admin, due the 30th": the tag said as a slot of the request
TAG_IT = (
    r"(?:(?:,|\s+and|\s+&|\s+[-–—])?\s+(?:pls |please )?(?:tag|label) (?:it|that|this)|,\s*(?:and )?(?:pls |please )?(?:tag|label)"
    r"|\s+and (?:tag|label)(?= #?[\w-]+$)"  # "make the poinsettias medium priority and tag activities"
    r"|,?\s+tagged)"  # "… for tuesday tagged admin"
    r"(?: with| as| w/)? #?(?P<tag>(?!(?:pls|please|thx|thanks)\b)[\w-]+(?: and #?[\w-]+)?)(?: pls| please| thx| thanks| too| as well| also"
    r"| like the (?:others|rest|other ones))?(?=,|$)"
    r"|,\s*(?:and )?(?P<named>(?!(?:the|a|an|that|this|it|no)\b)[\w-]+) (?:tag|label)(?=,|$)"  # "…, high priority, grants tag"
)
# "… and mark it important": the priority said as a slot of the request
PRIORITY_IT = (
    r"(?:,|\s+and|\s+&|\s+[-–—])\s+"
    r"(?:(?:pls |please )?(?:mark|make|set|flag) (?:it|that|this)(?: one)?(?: as)? |(?:that|this) one(?:'s| is) )"
    r"(?P<level>important|urgent|high priority|high|medium priority|medium|low priority|low)(?: pls| please)?(?=,|\s+#|$)"
    # "… — high priority on that one"
    r"|(?:,|\s+[-–—])\s+(?P<on>high priority|urgent|medium priority|low priority) on (?:that|this) one(?=,|\s+#|$)"
)
# "The tuner - please put that for monday": the task named first, then a change to "that"
TOPIC_FIRST = (
    r"^(?P<topic>(?:the|my|our|his|her|their)(?: (?!(?:is|are|was|were|can|could|will|would|has|have|had|got|gets|needs?|should|must)\b)"
    r"[^,:;\s-]+){1,4}(?=,)|[^,:;-]{2,40}?(?= [-–:]|:))(?: [-–:]|:|,) (?:pls |please |can you |could you )?"
    r"(?P<verb>put|move|make|mark|set|tag|change|push|bump) (?P<before>(?:[^,]*? )?)(?:that|it|this|them|those)\b(?P<after>.*)$"
)
# "…, moving it to wednesday": the change said as what is being done
DOING_BASE = {
    "moving": "move",
    "pushing": "push",
    "bumping": "bump",
    "changing": "change",
    "shifting": "shift",
    "rescheduling": "reschedule",
    "postponing": "postpone",
}
# "add these for tmrw:": a pasted list's heading that gives its items a day
HEADING_DAY = r"\s*\b(?:for |on |by |due )?(?P<day>today|tonight|tomorrow|tmrw|tmr|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
# a request's degree words before how important it is: "kinda urgent", "super important"
DEGREE = r"\b(?:kinda|kind of|sorta|sort of|pretty|really|super|very|quite|a bit|a little) (?=(?:urgent|important|high|low)\b)"
# "weekly instead, every friday": the day says the repeat whole
WEEKLY_ON = r"\b(?:weekly|every week)(?: instead)?,? (?=every (?:mon|tues|wednes|thurs|fri|satur|sun)day\b)"
# "every weekday at 8:30am i need to check the e-filing queue, can you add that": the to-do, then the ask
ADD_THAT = (
    r"^(?P<todo>.+?)(?:,? (?:so )?(?:can you |could you |pls |please )?(?:add|note) (?:that|this|it)"
    r"|, (?:can you |could you |pls |please )?add)"  # "pool session w the new group at 4 today, add pls"
    r"(?: for me| pls| please| to (?:my|the) list)?$"
)
# "can you put 'call the distributor' on for monday": a quoted to-do put on the list
PUT_QUOTED = r"\b(?:put|pop|stick) (?P<quoted>'[^']+'|\"[^\"]+\") (?:on|down)(?: (?:the|my) list)?(?: for)?\b"
# "put Lily's dentist appointment on there for monday": a to-do put on the list
PUT_ON_LIST = (
    r"\b(?:put|pop|stick|throw) (?P<thing>(?!it\b|that\b|this\b|them\b)\S.*?) (?:on|onto|in) "
    r"(?:there|(?:my|the|our) (?:(?:to ?do|to-do) )?(?:list|calendar))\b"
)
# "add final inspection … wednesday 9am tag inspection": a tag said bare after the day or time
# "oak st estimate, add tag urgent", "add the tag admin": a tag given to it, not a to-do "Tag" (not "add tag x to the y one")
ADD_TAG = r"\b(?:add|put) (?:a |the )?(?:tag|label) (?=#?[\w-]+(?:$|,| too\b| as well\b| also\b| pls\b| please\b))"
TAG_AFTER_WHEN = (
    r"(?P<when>\b(?:\d{1,2}(?::\d\d)?\s*(?:am|pm)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|wed|thu|fri|sat|sun)"
    r"|tmrw|tomorrow|today|tonight|(?:[12]?\d|3[01])(?:st|nd|rd|th)|(?:high|low|medium) priority))"  # "… tue 9am tag clients"
    r"\s+(?:tag|label)(?: with| as)? #?(?P<tag>[\w-]+)(?=$|,|\s+(?:high|low|medium|urgent)(?: priority| prio)?(?:$|,))"
)
# "waxed 'em": "them" said short
THEM_SHORT = r"(?<![\w'])'em\b"
# "get rid of the whitaker thing they went with another company", "poop bags high priority I literally have 2 left",
# "patel reel isnt gonna be ready tomorrow lol push it to monday": a request and a remark (or a remark and a request)
# with no comma between; after a word that ends one, a subject and its verb, or a command word, starts the other
RUN_ON = (
    r"\b(?P<end>thing|one|stuff|priority|prio|urgent|asap|important|today|tomorrow|tmrw|tonight|am|pm|lol|haha|lmao|smh)"
    r" (?=(?:i|we|they|he|she|i'm|im|we're|they're|theyre|he's|she's|it's|its)"
    r" (?:literally|only|just|really|already|still|have|had|has|got|need|went|said|can't|cant|don't|dont|didn't|didnt"
    r"|was|were|are|is|am|will|won't)\b"
    r"|(?<=lol |aha |mao |smh )(?:push|move|mark|make|delete|remove|tag|add|set|bump|change|drop)\b)"
    # "delete buy more copic markers i found a whole box under my desk lol"
    r"|(?<=\w\w\w)(?<!did)(?<!have)(?<!should) (?=i (?:found|already|bought|picked up|ordered|got one|got some)\b)"
)
# "tomorrow at 3:30 after school", "monday first thing": words around a day or time that say no more than it
WHEN_AROUND = (
    r"\s+(?:(?:right |just )?(?:after|before) (?:school|work|lunch|dinner|breakfast|practice|class|church|my shift|the shift)"
    r"|first thing|sharp|or so|ish|at the latest|latest|per (?:the |my |our )?\w+|according to (?:the |my |our )?\w+)\b"
)
# "make sweep the shop a daily thing at 6pm": the repeat said as a kind of thing
# ("add a weekly task for tuesdays: deep clean the props" is left whole for the parsing to read)
REPEAT_THING = (
    r"\ban? (?P<every>daily|weekly|monthly|nightly|weekday) (?:thing|task|job|habit|routine)\b"
    r"(?!(?: (?:for|on) \w+(?: and \w+)?)?\s*[:—–-])"
)
# "add tags to the GRE stats task: dean, reports": several tags for one task, each its own request
TAGS_LISTED = r"^(?:add|put) (?:the )?(?:tags|labels) (?:to|on) (?P<ref>[^:]+?):? (?P<tags>#?[\w-]+(?:(?:,| and|,? &|,? and) #?[\w-]+)+)$"
# "add 3 more for tomorrow: birthday roses at 10am, sympathy lilies, …": a heading with a day, then the items it is for
INLINE_HEADING = (
    r"^(?P<head>(?:add|put|new)(?: (?:\d+|a few|some|these|two|three|four|five))?(?: more| things| items| tasks| ones| deliveries| runs)?"
    r"(?: for| on| due)? (?P<day>today|tonight|tomorrow|tmrw|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
    # "add 3 things: complaint visit at …, pull water test results …, and team meeting …": items counted, one a comma
    r"|(?:add|put) (?:\d+|a few|some|these|two|three|four|five)(?: more)? (?:things|items|tasks|ones|to-?dos)):\s*(?P<items>.+)$"
)
# "fix the door seal and buy waxed boxes, both for sunday": a day for each of the to-dos before
FOR_EACH = (
    r"^(?P<todos>.+?)(?:,| -| —)? (?:both|all(?: of them| three| of those)?|each)(?: of them)? "
    r"(?P<when>(?:for|on|due|by) .+"
    r"|(?:(?:today|tonight|tomorrow|tmrw|tmr),? )?(?:high|low|medium|urgent)(?: priority| prio)?"  # "…, both high"
    r"|(?:today|tonight|tomorrow|tmrw|tmr)"  # "…, both today, high priority"
    r"|(?:tag|tagged|tag them|tagged as|tagged with) [#\w-]+)$"  # "… - all tag demo"
)
# "got the tape, and flowers are ordered": one more thing said done after "and" (reading.aside keeps it; statements reads it)
AND_DONE = r"(?:,?\s+|^)(?:and|&) (?P<obj>(?:the )?[a-z][\w' ]*?) (?:is|are|was|were|got|have been|has been) (?P<pp>[a-z]+ed)"
# "bump up the priority on the rent", "lower the priority of the gutters": a level said as a direction
LEVEL_UP = r"^(?:bump|raise|up|increase|boost|crank)(?: up)? (?:the )?(?:priority|prio) (?:on|of|for) (?P<ref>.+)$"
LEVEL_DOWN = r"^(?:lower|reduce|decrease)(?: down)? (?:the )?(?:priority|prio) (?:on|of|for) (?P<ref>.+)$"  # ("drop the priority": none)
# "the rent goes under work": where a task is filed, its tag
GOES_UNDER = r"^(?P<ref>.+?) (?:goes|belongs|should go|can go) under #?(?P<tag>[\w-]+)$"
# "push to monday", "move to 3pm": a move with no task named is a move of "it" (the one talked about)
MOVE_UNNAMED = r"^(?P<verb>move|push|bump|shift|postpone|reschedule|delay)(?P<rest> (?:back |out |up )?(?:to|till|until|til) \S.*)$"
# "the rent has no deadline actually": no date; "no rush on the plants": a low level
NO_DEADLINE = (  # (not "which tasks have no deadline": a question)
    r"^(?!(?:which|what|any|anything|do|does|how|who|are|is|show|list)\b)(?P<ref>.+?) (?:has|have) no (?:deadline|due date|date)"
    r"(?: anymore| any more| now| actually)?$"
)
NO_RUSH_ON = r"^no (?:rush|hurry) (?:on|for|with) (?P<ref>.+?)(?: (?:at all|really|actually))?$"
