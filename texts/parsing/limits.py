"""The importer's limits and column widths, in characters and lines."""

DEFAULT_WIDTH = 34
MIN_WIDTH = 26
MAX_WIDTH = 42
# A raw line longer than this lost its booklet line breaks and must be wrapped again.
FLOWING_THRESHOLD = 46
MAX_TITLE_LENGTH = 150
# Far beyond any exam text; keeps a pasted book from tying up the server.
MAX_LINES = 2000
# The spreading programme fills a table of (fragments x lines); past this many cells
# (a booklet page is far below it: about 1,000 fragments x 100 lines) its time and
# memory grow too large, and the greedy lines are kept with an anchor_unmet warning.
SPREAD_BUDGET = 2_000_000
# A booklet of MAX_LINES lines holds under 100,000 characters; with its emphasis and
# notes a real text stays far below this. Beyond it the text is refused before any
# work, so the importer's time and memory stay bounded whatever is uploaded.
MAX_CHARACTERS = 200_000
# A number at the start of a kept line is a margin number only if its line can land
# within this many lines of it: "20 procent van ..." on line 33 is text. (Flowing
# text takes from as few lines as the widest column gives to as many as the
# narrowest gives.)
ANCHOR_TOLERANCE = 2
