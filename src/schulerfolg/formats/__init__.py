"""Stage 4, formats: the files other programs read – iCalendar, vCard, Decap's configuration, Open Graph
cards, the slimmed theme stylesheet and the Content-Security-Policy of every page."""
