"""The claim set: measures, the store, and the comparison of a page's figures with it."""
