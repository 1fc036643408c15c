"""Stage 1, the data: the contract of the YAML files (fields, models), reading them with their positions, and
the rules across the data – every mistake a German Problem at its line."""
