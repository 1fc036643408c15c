"""Stage 2, findings: what the files the data names are, by their content (photos, forms, films and their
tracks), and what they hold (a photo's size, a film's length, its cues); kept between builds by content."""
