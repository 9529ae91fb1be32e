"""Reading files: bytes of a text, web page or Word file -> decoded text."""
