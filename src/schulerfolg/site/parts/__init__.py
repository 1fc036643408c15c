"""The parts of the site: each plans one section from the data, as pages and files (``site.plan`` lists them)."""
