"""Tables: splitting lines into blocks, the table format protocol, tab and pipe tables."""
