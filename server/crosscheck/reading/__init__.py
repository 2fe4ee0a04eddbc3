"""Reading a page: HTML to figures with what, where, who and when."""
