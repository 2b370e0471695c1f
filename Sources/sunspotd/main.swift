print("sunspotd")
