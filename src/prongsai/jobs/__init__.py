"""Background jobs: long work (every agency's memos of a year, link checks) run by
`prongsai worker` processes outside web requests, with their progress kept in the database."""
