"""Reading a source: decoding bytes to text, and the plain-text reader."""
