#!/usr/bin/python3
"""Writes the small synthetic datasets of the bundled DataOps evaluation suite into data/.

Deterministic (random.Random(13)); run from this folder with Debian's python3. The files are committed, so this
script only documents how they were made. sales.csv is the project's own examples/data/sales.csv, not generated.
"""
import csv
import datetime as dt
import json
import random
from pathlib import Path

R = random.Random(13)
OUT = Path(__file__).resolve().parent / "data"
OUT.mkdir(exist_ok=True)


def write_csv(name, header, rows):
    with open(OUT / name, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow(["" if v is None else v for v in row])


first = ["Ana", "Bruno", "Carla", "Diogo", "Eva", "Filipe", "Greta", "Hugo", "Ines", "Jonas", "Katja", "Luis",
         "Marta", "Nuno", "Olga", "Pedro", "Queila", "Rui", "Sofia", "Tiago", "Ursula", "Vasco", "Wanda", "Xavier",
         "Yara", "Zeca", "Alma", "Bento", "Clara", "Dario"]
cities = ["Lisbon", "Porto", "Madrid", "Paris", "Berlin"]
segments = ["Consumer", "Corporate", "Small Business"]
customers = []
for i, name in enumerate(first, start=1):
    signup = dt.date(2022, 1, 1) + dt.timedelta(days=R.randrange(0, 900))
    customers.append([i, name, R.choice(cities), R.choice(segments), signup.isoformat()])
write_csv("customers.csv", ["customer_id", "name", "city", "segment", "signup_date"], customers)

products = [
    ["P01", "Stapler", "Office", 8.50], ["P02", "Notebook", "Office", 3.20], ["P03", "Pen Set", "Office", 5.75],
    ["P04", "Desk Lamp", "Home", 24.90], ["P05", "Kettle", "Home", 31.00], ["P06", "Mug", "Home", 6.40],
    ["P07", "Headphones", "Tech", 59.99], ["P08", "Keyboard", "Tech", 44.50], ["P09", "Mouse", "Tech", 19.90],
    ["P10", "Monitor", "Tech", 189.00], ["P11", "Chair", "Home", 129.00], ["P12", "Folder", "Office", 2.10],
]
write_csv("products.csv", ["product_id", "product", "category", "price"], products)

statuses = ["delivered"] * 6 + ["shipped"] * 2 + ["cancelled", "returned"]
orders = []
for k in range(150):
    day = dt.date(2024, 1, 1) + dt.timedelta(days=R.randrange(0, 182))
    discount = None if R.random() < 0.2 else R.choice([0, 0, 5, 10, 15])
    orders.append([1001 + k, R.randrange(1, 31), R.choice(products)[0], day.isoformat(), R.randrange(1, 9),
                   R.choice(statuses), discount])
write_csv("orders.csv", ["order_id", "customer_id", "product_id", "order_date", "quantity", "status",
                         "discount_pct"], orders)

weather = []
day0 = dt.date(2024, 1, 1)
for d in range(60):
    day = day0 + dt.timedelta(days=d)
    for station, base in (("Lisbon", 12.0), ("Oslo", -4.0)):
        temp = round(base + R.gauss(0, 3) + d * 0.05, 1)
        rain = None if R.random() < 0.1 else round(max(0.0, R.gauss(2, 3)), 1)
        weather.append([day.isoformat(), station, temp, rain])
write_csv("weather.csv", ["date", "station", "temp_c", "rain_mm"], weather)

depts = ["Engineering", "Sales", "Support", "Finance"]
with open(OUT / "employees.jsonl", "w", encoding="utf-8") as f:
    for i in range(1, 25):
        hired = dt.date(2015, 1, 1) + dt.timedelta(days=R.randrange(0, 3300))
        rec = {"id": i, "name": first[i - 1], "dept": R.choice(depts), "salary": R.randrange(32, 96) * 1000,
               "hired": hired.isoformat(), "remote": R.random() < 0.4}
        f.write(json.dumps(rec) + "\n")

inventory = []
for k in range(36):
    sku = "SKU-%02d" % (k % 28 + 1)
    wh = ["north", "south"][k % 2] if k < 28 else ["north", "south"][(k - 28) % 2]
    qty = None if R.random() < 0.15 else R.randrange(0, 120)
    inventory.append([sku, wh, qty, R.choice([2.5, 4.0, 7.25, 12.0])])
# exact duplicate rows, as a messy export has them
inventory += [inventory[3], inventory[10], inventory[17]]
write_csv("inventory.csv", ["sku", "warehouse", "qty", "unit_cost"], inventory)
