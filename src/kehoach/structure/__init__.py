"""Structure: text -> lines -> the document inside the page -> title block and section tree."""
