"""Following feeds: the polite fetcher, reading feeds, following and refreshing them (issue 13)."""
