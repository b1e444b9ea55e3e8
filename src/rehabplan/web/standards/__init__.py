"""The municipality's quality standard as a page, and links to its rules from every explanation."""
