"""Write N synthetic dated news articles (JSON Lines) spread over six years,
about two a day when N is 5000: an event kind in a town, a person quoted, a
number. A fixed seed makes the file the same on every run. Used by the CLI
tier (stories released in a long stream) and bench/stories_store.sh.
Usage: gen_years.py OUT.jsonl N
"""
import json, random, sys, datetime
random.seed(11)
first = "Anna Boris Carla Dmitri Elena Farid Greta Hiro Ines Jonas Kofi Lena Marek Nadia Omar Petra".split()
last = "Adler Brandt Costa Duval Eriksen Fischer Garcia Horvat Ivanov Jansen Kowalski Lindqvist Moreau Novak Okafor Petrov".split()
places = "Arlen Brookfield Castelmar Dunmore Eastwick Fairhaven Glenrock Harwick Ironbridge Juniper Kingsport Lakemont Millbrook Northgate Oakridge Pinecrest".split()
events = ["opened a new bridge", "won the regional election", "announced a strike", "was hit by a storm",
          "signed a trade deal", "closed the harbour", "held a music festival", "reported a factory fire"]
n = int(sys.argv[2]); t0 = datetime.date(2015, 1, 1)
with open(sys.argv[1], "w") as f:
    for i in range(n):   # six years, about two articles a day
        d = t0 + datetime.timedelta(days=i * 2190 // n)
        who = f"{random.choice(first)} {random.choice(last)}"
        where, what = random.choice(places), random.choice(events)
        text = (f"{where} {what} on {d.isoformat()}, officials said. {who} told reporters that "
                f"{random.randint(2, 9999)} people were affected in {where}. The council of {where} "
                f"will meet again next week, {who} added.")
        f.write(json.dumps({"id": f"y{i}", "source": "synthetic", "published": d.isoformat(),
                            "title": f"{where} {what}", "text": text}) + "\n")
