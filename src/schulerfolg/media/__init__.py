"""Stage 3, media: the published photos (cropped, re-encoded, without metadata) and films (described for the
pages, copied without metadata). Gives bytes and paths; only the site knows pages and files of the site."""
