"""The report tree: text normalisation, the AST nodes, and the builder readers use."""
