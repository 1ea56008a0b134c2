#!/usr/bin/python3
"""Builds suite.json, the bundled DataOps evaluation suite, computing every expected answer with pandas.

Run from anywhere with Debian's python3 (pandas 1.5.3): /usr/bin/python3 examples/eval/dataops/build_suite.py
Each task's expected answer is the value of the pandas code shown beside it (recorded in the task as
"computed_with"); the code reads the same files independently of pev4j. Ordered top-n answers are checked here to
have no tie at the cut, so that the expected answer is the only right one.
"""
import json
import math
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
SALES = "../../data/sales.csv"
FILES = {
    "sales.csv": SALES,
    "orders.csv": "data/orders.csv",
    "customers.csv": "data/customers.csv",
    "products.csv": "data/products.csv",
    "weather.csv": "data/weather.csv",
    "employees.jsonl": "data/employees.jsonl",
    "inventory.csv": "data/inventory.csv",
}


def read(name):
    path = HERE / FILES[name]
    if name.endswith(".jsonl"):
        return pd.read_json(path, lines=True, convert_dates=False)
    return pd.read_csv(path)


def flat(df):
    """groupby().agg() result with pev4j's flat names: keys as columns, then <column>_<function>."""
    if isinstance(df.columns, pd.MultiIndex):
        df.columns = ["_".join(str(p) for p in c) for c in df.columns]
    return df.reset_index()


def top(df, n, col, ascending=False):
    """The first n rows by col; fails when the n-th and (n+1)-th values tie (the answer would not be unique)."""
    s = df.sort_values(col, ascending=ascending, kind="stable")
    if len(s) > n:
        assert s[col].iloc[n - 1] != s[col].iloc[n], f"tie at the cut of top {n} by {col}"
    return s.head(n)


TASKS = []


def task(id, category, text, files, plan, criteria, expected, code):
    TASKS.append(dict(id=id, category=category, task=text, files=files, plan=plan, criteria=criteria,
                      expected=expected, code=code.strip()))


def value(x):
    if x is None:
        return None
    if isinstance(x, float) and math.isnan(x):
        return None
    if isinstance(x, pd.Timestamp):
        return x.strftime("%Y-%m-%d") if x == x.normalize() else x.strftime("%Y-%m-%d %H:%M:%S")
    if hasattr(x, "item"):
        x = x.item()
        if isinstance(x, float) and math.isnan(x):
            return None
    return x


# ---- lookups -----------------------------------------------------------------------------------------------------
task("lookup-rows", "lookup", "How many orders are there in orders.csv?", ["orders.csv"],
     ['read_csv("orders.csv")', 'shape(#E1)'], ["len(#E2) == 2"],
     {"kind": "number", "index": 0},
     "result = len(read('orders.csv'))")
task("lookup-columns", "lookup", "Which columns does products.csv have?", ["products.csv"],
     ['read_csv("products.csv")', 'columns(#E1)'], ["len(#E2) > 0"],
     {"kind": "set"},
     "result = list(read('products.csv').columns)")
task("lookup-cities", "lookup", "In which cities do the customers in customers.csv live?", ["customers.csv"],
     ['read_csv("customers.csv")', 'unique(#E1, "city")'], ["len(#E2) > 0"],
     {"kind": "set"},
     "result = list(read('customers.csv')['city'].unique())")
task("lookup-distinct-products", "lookup", "How many different products were ordered in orders.csv?",
     ["orders.csv"],
     ['read_csv("orders.csv")', 'nunique(#E1, ["product_id"])'], ["len(#E2) == 1"],
     {"kind": "number", "key": "product_id"},
     "result = read('orders.csv')['product_id'].nunique()")
task("lookup-missing-discounts", "lookup", "How many orders in orders.csv have no discount recorded?",
     ["orders.csv"],
     ['read_csv("orders.csv")', 'isnull(#E1)'], ["len(#E2) > 0"],
     {"kind": "number", "key": "discount_pct"},
     "result = read('orders.csv')['discount_pct'].isnull().sum()")
task("lookup-price", "lookup", "What does the Monitor cost, according to products.csv?", ["products.csv"],
     ['read_csv("products.csv")', 'filter(#E1, "product == \'Monitor\'")'], ["rows(#E2) == 1"],
     {"kind": "number", "column": "price"},
     "p = read('products.csv'); result = p[p['product'] == 'Monitor']['price'].iloc[0]")
task("lookup-employees", "lookup", "How many employees are listed in employees.jsonl?", ["employees.jsonl"],
     ['read_json("employees.jsonl", lines=true)', 'shape(#E1)'], ["len(#E2) == 2"],
     {"kind": "number", "index": 0},
     "result = len(read('employees.jsonl'))")
task("lookup-lisbon-customers", "lookup", "Which customers in customers.csv live in Lisbon? Give their names.",
     ["customers.csv"],
     ['read_csv("customers.csv")', 'filter(#E1, "city == \'Lisbon\'")'], ["not_empty(#E2)"],
     {"kind": "set", "column": "name"},
     "c = read('customers.csv'); result = list(c[c['city'] == 'Lisbon']['name'])")
task("lookup-hottest", "lookup", "What was the highest temperature recorded in weather.csv?", ["weather.csv"],
     ['read_csv("weather.csv")', 'nlargest(#E1, 1, ["temp_c"])'], ["rows(#E2) == 1"],
     {"kind": "number", "column": "temp_c"},
     "result = read('weather.csv')['temp_c'].max()")
task("lookup-cheapest", "lookup", "Which product in products.csv is the cheapest?", ["products.csv"],
     ['read_csv("products.csv")', 'nsmallest(#E1, 1, ["price"])'], ["rows(#E2) == 1"],
     {"kind": "set", "column": "product"},
     "p = read('products.csv'); result = list(top(p, 1, 'price', ascending=True)['product'])")
task("lookup-head", "lookup", "Show the first 3 rows of weather.csv.", ["weather.csv"],
     ['read_csv("weather.csv")', 'head(#E1, 3)'], ["rows(#E2) == 3"],
     {"kind": "table", "ordered": True},
     "result = read('weather.csv').head(3)")

# ---- filters -----------------------------------------------------------------------------------------------------
task("filter-cancelled", "filter", "How many orders in orders.csv were cancelled?", ["orders.csv"],
     ['read_csv("orders.csv")', 'filter(#E1, "status == \'cancelled\'")', 'shape(#E2)'], ["len(#E3) == 2"],
     {"kind": "number", "index": 0},
     "o = read('orders.csv'); result = (o['status'] == 'cancelled').sum()")
task("filter-big-delivered", "filter",
     "How many delivered orders in orders.csv have a quantity of at least 7?", ["orders.csv"],
     ['read_csv("orders.csv")', 'filter(#E1, "quantity >= 7 and status == \'delivered\'")', 'shape(#E2)'],
     ["len(#E3) == 2"],
     {"kind": "number", "index": 0},
     "o = read('orders.csv'); result = ((o['quantity'] >= 7) & (o['status'] == 'delivered')).sum()")
task("filter-cheap-tech", "filter", "Which Tech products in products.csv cost less than 50?", ["products.csv"],
     ['read_csv("products.csv")', 'filter(#E1, "category == \'Tech\' and price < 50")'], ["max(#E2, \"price\") < 50"],
     {"kind": "set", "column": "product"},
     "p = read('products.csv'); result = list(p[(p['category'] == 'Tech') & (p['price'] < 50)]['product'])")
task("filter-remote-engineers", "filter",
     "Which employees in employees.jsonl work remotely in Engineering? Give their names.", ["employees.jsonl"],
     ['read_json("employees.jsonl", lines=true)', 'filter(#E1, "remote == True and dept == \'Engineering\'")'],
     ["not_empty(#E2)"],
     {"kind": "set", "column": "name"},
     "e = read('employees.jsonl'); result = list(e[(e['remote']) & (e['dept'] == 'Engineering')]['name'])")
task("filter-north-big", "filter", "How many sales in sales.csv were in the North with revenue above 100?",
     ["sales.csv"],
     ['read_csv("sales.csv")', 'filter(#E1, "region == \'North\' and revenue > 100")', 'shape(#E2)'],
     ["len(#E3) == 2"],
     {"kind": "number", "index": 0},
     "s = read('sales.csv'); result = ((s['region'] == 'North') & (s['revenue'] > 100)).sum()")
task("filter-oslo-rain", "filter", "On how many days did Oslo get more than 5 mm of rain, in weather.csv?",
     ["weather.csv"],
     ['read_csv("weather.csv")', 'filter(#E1, "station == \'Oslo\' and rain_mm > 5")', 'shape(#E2)'],
     ["len(#E3) == 2"],
     {"kind": "number", "index": 0},
     "w = read('weather.csv'); result = ((w['station'] == 'Oslo') & (w['rain_mm'] > 5)).sum()")
task("filter-names-c", "filter", "Which customers in customers.csv have a name starting with C?",
     ["customers.csv"],
     ['read_csv("customers.csv")', 'filter(#E1, "startswith(name, \'C\')")'], ["not_empty(#E2)"],
     {"kind": "set", "column": "name"},
     "c = read('customers.csv'); result = list(c[c['name'].str.startswith('C')]['name'])")
task("filter-freezing", "filter", "List the dates on which Oslo was below -8 degrees, from weather.csv.",
     ["weather.csv"],
     ['read_csv("weather.csv")', 'filter(#E1, "station == \'Oslo\' and temp_c < -8")'], ["max(#E2, \"temp_c\") < -8"],
     {"kind": "set", "column": "date"},
     "w = read('weather.csv'); result = list(w[(w['station'] == 'Oslo') & (w['temp_c'] < -8)]['date'])")
task("filter-returned-select", "filter",
     "Show the order id and quantity of every returned order in orders.csv.", ["orders.csv"],
     ['read_csv("orders.csv")', 'filter(#E1, "status == \'returned\'")', 'select(#E2, ["order_id", "quantity"])'],
     ["not_empty(#E3)", "cols(#E3) == 2"],
     {"kind": "table", "ordered": False},
     "o = read('orders.csv'); result = o[o['status'] == 'returned'][['order_id', 'quantity']]")

# ---- group-by ----------------------------------------------------------------------------------------------------
task("group-revenue-region", "group-by", "What is the total revenue of each region in sales.csv?", ["sales.csv"],
     ['read_csv("sales.csv")', 'groupby_agg(#E1, ["region"], {"revenue": ["sum"]})'], ["not_empty(#E2)"],
     {"kind": "table", "ordered": False},
     "result = flat(read('sales.csv').groupby('region').agg({'revenue': ['sum']}))")
task("group-temp-station", "group-by", "What is the mean temperature of each station in weather.csv?",
     ["weather.csv"],
     ['read_csv("weather.csv")', 'groupby_agg(#E1, ["station"], {"temp_c": ["mean"]})'], ["rows(#E2) == 2"],
     {"kind": "table", "ordered": False},
     "result = flat(read('weather.csv').groupby('station').agg({'temp_c': ['mean']}))")
task("group-status-counts", "group-by", "How many orders in orders.csv have each status?", ["orders.csv"],
     ['read_csv("orders.csv")', 'value_counts(#E1, "status")'], ["not_empty(#E2)"],
     {"kind": "table", "ordered": False},
     "vc = read('orders.csv')['status'].value_counts(); "
     "result = pd.DataFrame({'status': vc.index, 'count': vc.values})")
task("group-quantity-product", "group-by", "What total quantity of each product was ordered in orders.csv?",
     ["orders.csv"],
     ['read_csv("orders.csv")', 'groupby_agg(#E1, ["product_id"], {"quantity": ["sum"]})'], ["not_empty(#E2)"],
     {"kind": "table", "ordered": False},
     "result = flat(read('orders.csv').groupby('product_id').agg({'quantity': ['sum']}))")
task("group-max-salary", "group-by", "What is the highest salary in each department of employees.jsonl?",
     ["employees.jsonl"],
     ['read_json("employees.jsonl", lines=true)', 'groupby_agg(#E1, ["dept"], {"salary": ["max"]})'],
     ["not_empty(#E2)"],
     {"kind": "table", "ordered": False},
     "result = flat(read('employees.jsonl').groupby('dept').agg({'salary': ['max']}))")
task("group-segment-size", "group-by", "How many customers does each segment have in customers.csv?",
     ["customers.csv"],
     ['read_csv("customers.csv")', 'groupby_agg(#E1, ["segment"], {"customer_id": ["count"]})'],
     ["not_empty(#E2)"],
     {"kind": "table", "ordered": False},
     "result = flat(read('customers.csv').groupby('segment').agg({'customer_id': ['count']}))")
task("group-status-share", "group-by", "What share of the orders in orders.csv has each status?", ["orders.csv"],
     ['read_csv("orders.csv")', 'value_counts(#E1, "status", normalize=true)'],
     ["abs(sum(#E2, \"proportion\") - 1) < 0.001"],
     {"kind": "table", "ordered": False, "tolerance": 1e-9},
     "vc = read('orders.csv')['status'].value_counts(normalize=True); "
     "result = pd.DataFrame({'status': vc.index, 'proportion': vc.values})")
task("group-median-price", "group-by", "What is the median product price per category in products.csv?",
     ["products.csv"],
     ['read_csv("products.csv")', 'groupby_agg(#E1, ["category"], {"price": ["median"]})'], ["rows(#E2) == 3"],
     {"kind": "table", "ordered": False},
     "result = flat(read('products.csv').groupby('category').agg({'price': ['median']}))")
task("group-temp-spread", "group-by",
     "For each station in weather.csv, what are the minimum, maximum and standard deviation of the temperature?",
     ["weather.csv"],
     ['read_csv("weather.csv")', 'groupby_agg(#E1, ["station"], {"temp_c": ["min", "max", "std"]})'],
     ["rows(#E2) == 2"],
     {"kind": "table", "ordered": False, "tolerance": 1e-9},
     "result = flat(read('weather.csv').groupby('station').agg({'temp_c': ['min', 'max', 'std']}))")
task("group-region-product", "group-by", "What are the units sold per region and product in sales.csv?",
     ["sales.csv"],
     ['read_csv("sales.csv")', 'groupby_agg(#E1, ["region", "product"], {"units": ["sum"]})'], ["not_empty(#E2)"],
     {"kind": "table", "ordered": False},
     "result = flat(read('sales.csv').groupby(['region', 'product']).agg({'units': ['sum']}))")
task("group-products-per-customer", "group-by",
     "How many distinct products has each customer ordered, in orders.csv?", ["orders.csv"],
     ['read_csv("orders.csv")', 'groupby_agg(#E1, ["customer_id"], {"product_id": ["nunique"]})'],
     ["not_empty(#E2)"],
     {"kind": "table", "ordered": False},
     "result = flat(read('orders.csv').groupby('customer_id').agg({'product_id': ['nunique']}))")

# ---- sorting and top-n -------------------------------------------------------------------------------------------
task("top-regions", "top-n", "Which 3 regions had the highest total revenue in sales.csv, highest first?",
     ["sales.csv"],
     ['read_csv("sales.csv")', 'groupby_agg(#E1, ["region"], {"revenue": ["sum"]})',
      'sort_values(#E2, ["revenue_sum"], [false])', 'head(#E3, 3)'],
     ["rows(#E4) <= 3", "sorted(#E4, \"revenue_sum\", \"desc\")"],
     {"kind": "table", "ordered": True},
     "g = flat(read('sales.csv').groupby('region').agg({'revenue': ['sum']})); result = top(g, 3, 'revenue_sum')")
task("top-customers-orders", "top-n",
     "Which 2 customers placed the most orders in orders.csv? Give their customer ids.", ["orders.csv"],
     ['read_csv("orders.csv")', 'groupby_agg(#E1, ["customer_id"], {"order_id": ["count"]})',
      'nlargest(#E2, 2, ["order_id_count"])'],
     ["rows(#E3) == 2"],
     {"kind": "set", "column": "customer_id"},
     "g = flat(read('orders.csv').groupby('customer_id').agg({'order_id': ['count']})); "
     "result = list(top(g, 2, 'order_id_count')['customer_id'])")
task("top-expensive", "top-n", "What are the 3 most expensive products in products.csv?", ["products.csv"],
     ['read_csv("products.csv")', 'nlargest(#E1, 3, ["price"])'], ["rows(#E2) == 3"],
     {"kind": "set", "column": "product"},
     "result = list(top(read('products.csv'), 3, 'price')['product'])")
task("top-cold-days", "top-n", "On which 4 days was Oslo coldest, in weather.csv?", ["weather.csv"],
     ['read_csv("weather.csv")', 'filter(#E1, "station == \'Oslo\'")', 'nsmallest(#E2, 4, ["temp_c"])'],
     ["rows(#E3) == 4"],
     {"kind": "set", "column": "date"},
     "w = read('weather.csv'); w = w[w['station'] == 'Oslo']; result = list(top(w, 4, 'temp_c', True)['date'])")
task("top-salaries", "top-n", "Who are the 3 best-paid employees in employees.jsonl, best paid first?",
     ["employees.jsonl"],
     ['read_json("employees.jsonl", lines=true)', 'sort_values(#E1, ["salary"], [false])', 'head(#E2, 3)',
      'select(#E3, ["name", "salary"])'],
     ["rows(#E4) == 3", "sorted(#E4, \"salary\", \"desc\")"],
     {"kind": "table", "ordered": True},
     "result = top(read('employees.jsonl'), 3, 'salary')[['name', 'salary']]")
task("top-category", "top-n", "Which product category has the highest mean price in products.csv?",
     ["products.csv"],
     ['read_csv("products.csv")', 'groupby_agg(#E1, ["category"], {"price": ["mean"]})',
      'nlargest(#E2, 1, ["price_mean"])'], ["rows(#E3) == 1"],
     {"kind": "set", "column": "category"},
     "g = flat(read('products.csv').groupby('category').agg({'price': ['mean']})); "
     "result = list(top(g, 1, 'price_mean')['category'])")
task("sort-products", "top-n",
     "List the products of products.csv by category (A to Z), the most expensive first within a category.",
     ["products.csv"],
     ['read_csv("products.csv")', 'sort_values(#E1, ["category", "price"], [true, false])',
      'select(#E2, ["category", "product", "price"])'],
     ["rows(#E3) == 12"],
     {"kind": "table", "ordered": True},
     "result = read('products.csv').sort_values(['category', 'price'], ascending=[True, False], kind='stable')"
     "[['category', 'product', 'price']]")
task("top-rainy-lisbon", "top-n", "What were the 3 rainiest days in Lisbon in weather.csv, and how much rain fell?",
     ["weather.csv"],
     ['read_csv("weather.csv")', 'filter(#E1, "station == \'Lisbon\'")', 'nlargest(#E2, 3, ["rain_mm"])',
      'select(#E3, ["date", "rain_mm"])'],
     ["rows(#E4) == 3"],
     {"kind": "table", "ordered": False},
     "w = read('weather.csv'); w = w[w['station'] == 'Lisbon']; result = top(w, 3, 'rain_mm')[['date', 'rain_mm']]")

# ---- joins -------------------------------------------------------------------------------------------------------
ORDERS_AMOUNT = ("o = read('orders.csv'); p = read('products.csv'); m = o.merge(p, on='product_id'); "
                 "m['amount'] = m['price'] * m['quantity']; ")
task("join-category-amount", "join", "What is the total order amount (price times quantity) per product category, "
     "joining orders.csv with products.csv?", ["orders.csv", "products.csv"],
     ['read_csv("orders.csv")', 'read_csv("products.csv")', 'merge(#E1, #E2, ["product_id"])',
      'assign(#E3, "amount", "price * quantity")', 'groupby_agg(#E4, ["category"], {"amount": ["sum"]})'],
     ["rows(#E5) == 3"],
     {"kind": "table", "ordered": False, "tolerance": 1e-6},
     ORDERS_AMOUNT + "result = flat(m.groupby('category').agg({'amount': ['sum']}))")
task("join-city-amount", "join", "What is the total order amount (price times quantity) per customer city? Use "
     "orders.csv, products.csv and customers.csv.", ["orders.csv", "products.csv", "customers.csv"],
     ['read_csv("orders.csv")', 'read_csv("products.csv")', 'merge(#E1, #E2, ["product_id"])',
      'read_csv("customers.csv")', 'merge(#E3, #E4, ["customer_id"])', 'assign(#E5, "amount", "price * quantity")',
      'groupby_agg(#E6, ["city"], {"amount": ["sum"]})'],
     ["not_empty(#E7)"],
     {"kind": "table", "ordered": False, "tolerance": 1e-6},
     ORDERS_AMOUNT + "m = m.merge(read('customers.csv'), on='customer_id'); "
     "result = flat(m.groupby('city').agg({'amount': ['sum']}))")
task("join-delivered-segment", "join",
     "How many delivered orders came from each customer segment? Use orders.csv and customers.csv.",
     ["orders.csv", "customers.csv"],
     ['read_csv("orders.csv")', 'filter(#E1, "status == \'delivered\'")', 'read_csv("customers.csv")',
      'merge(#E2, #E3, ["customer_id"])', 'value_counts(#E4, "segment")'],
     ["not_empty(#E5)"],
     {"kind": "table", "ordered": False},
     "o = read('orders.csv'); m = o[o['status'] == 'delivered'].merge(read('customers.csv'), on='customer_id'); "
     "vc = m['segment'].value_counts(); result = pd.DataFrame({'segment': vc.index, 'count': vc.values})")
task("join-best-customer", "join", "Which customer spent the most (price times quantity over all their orders)? "
     "Give the name, from orders.csv, products.csv and customers.csv.",
     ["orders.csv", "products.csv", "customers.csv"],
     ['read_csv("orders.csv")', 'read_csv("products.csv")', 'merge(#E1, #E2, ["product_id"])',
      'assign(#E3, "amount", "price * quantity")', 'groupby_agg(#E4, ["customer_id"], {"amount": ["sum"]})',
      'nlargest(#E5, 1, ["amount_sum"])', 'read_csv("customers.csv")', 'merge(#E6, #E7, ["customer_id"])'],
     ["rows(#E8) == 1"],
     {"kind": "set", "column": "name"},
     ORDERS_AMOUNT + "g = flat(m.groupby('customer_id').agg({'amount': ['sum']})); "
     "b = top(g, 1, 'amount_sum'); result = list(b.merge(read('customers.csv'), on='customer_id')['name'])")
task("join-customers-without-orders", "join",
     "Which customers in customers.csv have never ordered anything in orders.csv? Give their names.",
     ["customers.csv", "orders.csv"],
     ['read_csv("customers.csv")', 'read_csv("orders.csv")', 'merge(#E1, #E2, ["customer_id"], how="left")',
      'filter(#E3, "isnull(order_id)")'],
     ["nulls(#E4, \"name\") == 0"],
     {"kind": "set", "column": "name"},
     "m = read('customers.csv').merge(read('orders.csv'), on='customer_id', how='left'); "
     "result = list(m[m['order_id'].isnull()]['name'])")
task("join-delivered-quantity", "join",
     "What is the average quantity per order of delivered orders, per product category? Use orders.csv and "
     "products.csv.", ["orders.csv", "products.csv"],
     ['read_csv("orders.csv")', 'filter(#E1, "status == \'delivered\'")', 'read_csv("products.csv")',
      'merge(#E2, #E3, ["product_id"])', 'groupby_agg(#E4, ["category"], {"quantity": ["mean"]})'],
     ["rows(#E5) == 3"],
     {"kind": "table", "ordered": False, "tolerance": 1e-9},
     "o = read('orders.csv'); m = o[o['status'] == 'delivered'].merge(read('products.csv'), on='product_id'); "
     "result = flat(m.groupby('category').agg({'quantity': ['mean']}))")
task("join-concat-regions", "join",
     "How many sales in sales.csv were made in the North or the South? Combine the two regions' rows.",
     ["sales.csv"],
     ['read_csv("sales.csv")', 'filter(#E1, "region == \'North\'")', 'filter(#E1, "region == \'South\'")',
      'concat([#E2, #E3])', 'shape(#E4)'],
     ["len(#E5) == 2"],
     {"kind": "number", "index": 0},
     "s = read('sales.csv'); result = len(pd.concat([s[s['region'] == 'North'], s[s['region'] == 'South']]))")
task("join-tech-buyers", "join",
     "Which cities do customers who bought Tech products live in? Use orders.csv, products.csv and customers.csv.",
     ["orders.csv", "products.csv", "customers.csv"],
     ['read_csv("orders.csv")', 'read_csv("products.csv")', 'filter(#E2, "category == \'Tech\'")',
      'merge(#E1, #E3, ["product_id"])', 'read_csv("customers.csv")', 'merge(#E4, #E5, ["customer_id"])',
      'unique(#E6, "city")'],
     ["len(#E7) > 0"],
     {"kind": "set"},
     "o = read('orders.csv'); p = read('products.csv'); m = o.merge(p[p['category'] == 'Tech'], on='product_id')"
     ".merge(read('customers.csv'), on='customer_id'); result = list(m['city'].unique())")

# ---- dates -------------------------------------------------------------------------------------------------------
task("date-orders-per-month", "dates", "How many orders were placed in each month in orders.csv?", ["orders.csv"],
     ['read_csv("orders.csv")', 'to_datetime(#E1, "order_date")', 'dt_part(#E2, "order_date", "month")',
      'value_counts(#E3, "order_date_month")'],
     ["not_empty(#E4)"],
     {"kind": "table", "ordered": False},
     "o = read('orders.csv'); vc = pd.to_datetime(o['order_date']).dt.month.value_counts(); "
     "result = pd.DataFrame({'order_date_month': vc.index, 'count': vc.values})")
task("date-weekend-orders", "dates", "How many orders in orders.csv were placed on a weekend?", ["orders.csv"],
     ['read_csv("orders.csv")', 'to_datetime(#E1, "order_date")', 'dt_part(#E2, "order_date", "weekday")',
      'filter(#E3, "order_date_weekday >= 5")', 'shape(#E4)'],
     ["len(#E5) == 2"],
     {"kind": "number", "index": 0},
     "o = read('orders.csv'); result = (pd.to_datetime(o['order_date']).dt.weekday >= 5).sum()")
task("date-revenue-quarter", "dates", "What was the total revenue per quarter in sales.csv?", ["sales.csv"],
     ['read_csv("sales.csv")', 'to_datetime(#E1, "date")', 'dt_part(#E2, "date", "quarter")',
      'groupby_agg(#E3, ["date_quarter"], {"revenue": ["sum"]})'],
     ["not_empty(#E4)"],
     {"kind": "table", "ordered": False, "tolerance": 1e-6},
     "s = read('sales.csv'); s['date_quarter'] = pd.to_datetime(s['date']).dt.quarter; "
     "result = flat(s.groupby('date_quarter').agg({'revenue': ['sum']}))")
task("date-lisbon-february", "dates", "What was the mean temperature in Lisbon in February, in weather.csv?",
     ["weather.csv"],
     ['read_csv("weather.csv")', 'to_datetime(#E1, "date")', 'dt_part(#E2, "date", "month")',
      'filter(#E3, "date_month == 2 and station == \'Lisbon\'")',
      'groupby_agg(#E4, ["station"], {"temp_c": ["mean"]})'],
     ["rows(#E5) == 1"],
     {"kind": "number", "column": "temp_c_mean", "tolerance": 1e-9},
     "w = read('weather.csv'); d = pd.to_datetime(w['date']); "
     "result = w[(d.dt.month == 2) & (w['station'] == 'Lisbon')]['temp_c'].mean()")
task("date-signups-2023", "dates", "How many customers in customers.csv signed up in 2023?", ["customers.csv"],
     ['read_csv("customers.csv")', 'to_datetime(#E1, "signup_date")', 'dt_part(#E2, "signup_date", "year")',
      'filter(#E3, "signup_date_year == 2023")', 'shape(#E4)'],
     ["len(#E5) == 2"],
     {"kind": "number", "index": 0},
     "c = read('customers.csv'); result = (pd.to_datetime(c['signup_date']).dt.year == 2023).sum()")
task("date-hired-before-2018", "dates", "Which employees in employees.jsonl were hired before 2018? Give names.",
     ["employees.jsonl"],
     ['read_json("employees.jsonl", lines=true)', 'to_datetime(#E1, "hired")',
      'filter(#E2, "hired < date(\'2018-01-01\')")'],
     ["not_empty(#E3)"],
     {"kind": "set", "column": "name"},
     "e = read('employees.jsonl'); result = list(e[pd.to_datetime(e['hired']) < '2018-01-01']['name'])")
task("date-march-orders", "dates", "How many orders in orders.csv were placed in March 2024?", ["orders.csv"],
     ['read_csv("orders.csv")', 'to_datetime(#E1, "order_date")',
      'filter(#E2, "order_date >= date(\'2024-03-01\') and order_date < date(\'2024-04-01\')")', 'shape(#E3)'],
     ["len(#E4) == 2"],
     {"kind": "number", "index": 0},
     "o = read('orders.csv'); d = pd.to_datetime(o['order_date']); "
     "result = ((d >= '2024-03-01') & (d < '2024-04-01')).sum()")
task("date-busiest-weekday", "dates", "On which weekday (Monday = 0) were the most orders placed in orders.csv?",
     ["orders.csv"],
     ['read_csv("orders.csv")', 'to_datetime(#E1, "order_date")', 'dt_part(#E2, "order_date", "weekday")',
      'value_counts(#E3, "order_date_weekday")', 'head(#E4, 1)'],
     ["rows(#E5) == 1"],
     {"kind": "set", "column": "order_date_weekday"},
     "vc = pd.to_datetime(read('orders.csv')['order_date']).dt.weekday.value_counts(); "
     "assert vc.iloc[0] != vc.iloc[1]; result = [vc.index[0]]")
task("date-oslo-rain-month", "dates", "What was the mean daily rain in Oslo in each month of weather.csv?",
     ["weather.csv"],
     ['read_csv("weather.csv")', 'filter(#E1, "station == \'Oslo\'")', 'to_datetime(#E2, "date")',
      'dt_part(#E3, "date", "month")', 'groupby_agg(#E4, ["date_month"], {"rain_mm": ["mean"]})'],
     ["rows(#E5) == 2"],
     {"kind": "table", "ordered": False, "tolerance": 1e-9},
     "w = read('weather.csv'); w = w[w['station'] == 'Oslo'].copy(); "
     "w['date_month'] = pd.to_datetime(w['date']).dt.month; "
     "result = flat(w.groupby('date_month').agg({'rain_mm': ['mean']}))")
task("date-day-format", "dates", "How many orders in orders.csv were placed on the first day of a month?",
     ["orders.csv"],
     ['read_csv("orders.csv")', 'to_datetime(#E1, "order_date", format="%Y-%m-%d")',
      'dt_part(#E2, "order_date", "day")', 'filter(#E3, "order_date_day == 1")', 'shape(#E4)'],
     ["len(#E5) == 2"],
     {"kind": "number", "index": 0},
     "o = read('orders.csv'); result = (pd.to_datetime(o['order_date'], format='%Y-%m-%d').dt.day == 1).sum()")

# ---- cleaning ----------------------------------------------------------------------------------------------------
task("clean-duplicates", "cleaning", "How many rows does inventory.csv have once exact duplicate rows are removed?",
     ["inventory.csv"],
     ['read_csv("inventory.csv")', 'drop_duplicates(#E1)', 'shape(#E2)'], ["len(#E3) == 2"],
     {"kind": "number", "index": 0},
     "result = len(read('inventory.csv').drop_duplicates())")
task("clean-complete-rows", "cleaning", "How many rows of inventory.csv have a quantity recorded?",
     ["inventory.csv"],
     ['read_csv("inventory.csv")', 'dropna(#E1, subset=["qty"])', 'shape(#E2)'], ["len(#E3) == 2"],
     {"kind": "number", "index": 0},
     "result = len(read('inventory.csv').dropna(subset=['qty']))")
task("clean-fill-zero-mean", "cleaning", "Counting a missing quantity as 0, what is the mean quantity per "
     "warehouse in inventory.csv?", ["inventory.csv"],
     ['read_csv("inventory.csv")', 'fillna(#E1, 0, columns=["qty"])',
      'groupby_agg(#E2, ["warehouse"], {"qty": ["mean"]})'],
     ["rows(#E3) == 2"],
     {"kind": "table", "ordered": False, "tolerance": 1e-9},
     "i = read('inventory.csv'); i['qty'] = i['qty'].fillna(0); "
     "result = flat(i.groupby('warehouse').agg({'qty': ['mean']}))")
task("clean-fill-mean", "cleaning", "Fill each missing quantity in inventory.csv with the mean quantity, then give "
     "the total quantity per warehouse.", ["inventory.csv"],
     ['read_csv("inventory.csv")', 'fillna(#E1, method="mean", columns=["qty"])',
      'groupby_agg(#E2, ["warehouse"], {"qty": ["sum"]})'],
     ["rows(#E3) == 2"],
     {"kind": "table", "ordered": False, "tolerance": 1e-6},
     "i = read('inventory.csv'); i['qty'] = i['qty'].fillna(i['qty'].mean()); "
     "result = flat(i.groupby('warehouse').agg({'qty': ['sum']}))")
task("clean-stock-value", "cleaning", "After removing duplicate rows, what is the stock value (quantity times unit "
     "cost) per warehouse in inventory.csv?", ["inventory.csv"],
     ['read_csv("inventory.csv")', 'drop_duplicates(#E1)', 'assign(#E2, "value", "qty * unit_cost")',
      'groupby_agg(#E3, ["warehouse"], {"value": ["sum"]})'],
     ["rows(#E4) == 2"],
     {"kind": "table", "ordered": False, "tolerance": 1e-6},
     "i = read('inventory.csv').drop_duplicates(); i['value'] = i['qty'] * i['unit_cost']; "
     "result = flat(i.groupby('warehouse').agg({'value': ['sum']}))")
task("clean-rename", "cleaning", "Rename temp_c to temperature in weather.csv and give each station's highest "
     "temperature.", ["weather.csv"],
     ['read_csv("weather.csv")', 'rename(#E1, {"temp_c": "temperature"})',
      'groupby_agg(#E2, ["station"], {"temperature": ["max"]})'],
     ["has_column(#E3, \"temperature_max\")"],
     {"kind": "table", "ordered": False},
     "w = read('weather.csv').rename(columns={'temp_c': 'temperature'}); "
     "result = flat(w.groupby('station').agg({'temperature': ['max']}))")
task("clean-discount-status", "cleaning", "Treating a missing discount as 0, what is the mean discount per order "
     "status in orders.csv?", ["orders.csv"],
     ['read_csv("orders.csv")', 'fillna(#E1, 0, columns=["discount_pct"])',
      'groupby_agg(#E2, ["status"], {"discount_pct": ["mean"]})'],
     ["not_empty(#E3)"],
     {"kind": "table", "ordered": False, "tolerance": 1e-9},
     "o = read('orders.csv'); o['discount_pct'] = o['discount_pct'].fillna(0); "
     "result = flat(o.groupby('status').agg({'discount_pct': ['mean']}))")
task("clean-drop-columns", "cleaning", "Drop the unit_price and date columns of sales.csv and show the first 2 rows.",
     ["sales.csv"],
     ['read_csv("sales.csv")', 'drop(#E1, ["unit_price", "date"])', 'head(#E2, 2)'], ["rows(#E3) == 2"],
     {"kind": "table", "ordered": True},
     "result = read('sales.csv').drop(columns=['unit_price', 'date']).head(2)")
task("clean-skus", "cleaning", "How many distinct SKUs are in inventory.csv?", ["inventory.csv"],
     ['read_csv("inventory.csv")', 'nunique(#E1, ["sku"])'], ["len(#E2) == 1"],
     {"kind": "number", "key": "sku"},
     "result = read('inventory.csv')['sku'].nunique()")

# ---- reshape and statistics --------------------------------------------------------------------------------------
task("pivot-region-product", "reshape", "Make a table of total revenue with a row per region and a column per "
     "product, from sales.csv.", ["sales.csv"],
     ['read_csv("sales.csv")', 'pivot_table(#E1, ["region"], "product", "revenue", aggfunc="sum")'],
     ["not_empty(#E2)"],
     {"kind": "table", "ordered": False, "tolerance": 1e-6},
     "result = read('sales.csv').pivot_table(index=['region'], columns='product', values='revenue', aggfunc='sum')"
     ".reset_index(); result.columns = [str(c) for c in result.columns]")
task("pivot-station-month", "reshape", "Make a table of mean temperature with a row per station and a column per "
     "month, from weather.csv.", ["weather.csv"],
     ['read_csv("weather.csv")', 'to_datetime(#E1, "date")', 'dt_part(#E2, "date", "month")',
      'pivot_table(#E3, ["station"], "date_month", "temp_c", aggfunc="mean")'],
     ["rows(#E4) == 2"],
     {"kind": "table", "ordered": False, "tolerance": 1e-9},
     "w = read('weather.csv'); w['date_month'] = pd.to_datetime(w['date']).dt.month; "
     "result = w.pivot_table(index=['station'], columns='date_month', values='temp_c', aggfunc='mean')"
     ".reset_index(); result.columns = [str(c) for c in result.columns]")
task("stat-mean-price", "statistics", "What is the mean price in products.csv, read from a describe() summary?",
     ["products.csv"],
     ['read_csv("products.csv")', 'describe(#E1)', 'filter(#E2, "statistic == \'mean\'")'], ["rows(#E3) == 1"],
     {"kind": "number", "column": "price", "tolerance": 1e-9},
     "result = read('products.csv').describe().loc['mean', 'price']")
task("stat-corr", "statistics", "What is the correlation between temperature and rain in weather.csv?",
     ["weather.csv"],
     ['read_csv("weather.csv")', 'select(#E1, ["temp_c", "rain_mm"])', 'corr(#E2)',
      'filter(#E3, "column == \'temp_c\'")'],
     ["rows(#E4) == 1"],
     {"kind": "number", "column": "rain_mm", "tolerance": 1e-9},
     "result = read('weather.csv')[['temp_c', 'rain_mm']].corr().loc['temp_c', 'rain_mm']")
task("stat-salary-dept-remote", "statistics", "What is the mean salary per department and remote status in "
     "employees.jsonl?", ["employees.jsonl"],
     ['read_json("employees.jsonl", lines=true)', 'groupby_agg(#E1, ["dept", "remote"], {"salary": ["mean"]})'],
     ["not_empty(#E2)"],
     {"kind": "table", "ordered": False, "tolerance": 1e-6},
     "result = flat(read('employees.jsonl').groupby(['dept', 'remote']).agg({'salary': ['mean']}))")

# ---- windows -----------------------------------------------------------------------------------------------------
task("window-total-revenue", "windows", "What is the total revenue of all sales in sales.csv? Use a running total "
     "in date order.", ["sales.csv"],
     ['read_csv("sales.csv")', 'sort_values(#E1, ["date"])', 'cumsum(#E2, "revenue")', 'tail(#E3, 1)'],
     ["rows(#E4) == 1"],
     {"kind": "number", "column": "revenue_cumsum", "tolerance": 1e-6},
     "result = read('sales.csv')['revenue'].sum()")
task("window-lisbon-7day", "windows", "What was the 7-day rolling mean temperature in Lisbon on the last day of "
     "weather.csv?", ["weather.csv"],
     ['read_csv("weather.csv")', 'filter(#E1, "station == \'Lisbon\'")', 'sort_values(#E2, ["date"])',
      'rolling(#E3, "temp_c", 7)', 'tail(#E4, 1)'],
     ["rows(#E5) == 1"],
     {"kind": "number", "column": "temp_c_rolling_mean", "tolerance": 1e-9},
     "w = read('weather.csv'); w = w[w['station'] == 'Lisbon'].sort_values('date', kind='stable'); "
     "result = w['temp_c'].rolling(7).mean().iloc[-1]")
task("window-oslo-3day-rain", "windows", "What was the largest 3-day rain total in Oslo in weather.csv (days "
     "without a reading count as no rain)?", ["weather.csv"],
     ['read_csv("weather.csv")', 'filter(#E1, "station == \'Oslo\'")', 'sort_values(#E2, ["date"])',
      'rolling(#E3, "rain_mm", 3, func="sum", min_periods=1)', 'nlargest(#E4, 1, ["rain_mm_rolling_sum"])'],
     ["rows(#E5) == 1"],
     {"kind": "number", "column": "rain_mm_rolling_sum", "tolerance": 1e-9},
     "w = read('weather.csv'); w = w[w['station'] == 'Oslo'].sort_values('date', kind='stable'); "
     "result = w['rain_mm'].rolling(3, min_periods=1).sum().max()")
task("window-units-running", "windows", "In sales.csv, on which date did the running total of units in date "
     "order first exceed 300?", ["sales.csv"],
     ['read_csv("sales.csv")', 'sort_values(#E1, ["date"])', 'cumsum(#E2, "units")',
      'filter(#E3, "units_cumsum > 300")', 'head(#E4, 1)'],
     ["rows(#E5) == 1"],
     {"kind": "set", "column": "date"},
     "s = read('sales.csv').sort_values('date', kind='stable'); s['c'] = s['units'].cumsum(); "
     "result = [s[s['c'] > 300]['date'].iloc[0]]")

# ---- charts ------------------------------------------------------------------------------------------------------
task("chart-revenue-region", "charts", "Draw a bar chart of total revenue per region from sales.csv into "
     "revenue_by_region.html.", ["sales.csv"],
     ['read_csv("sales.csv")', 'groupby_agg(#E1, ["region"], {"revenue": ["sum"]})',
      'plot(#E2, "bar", "region", "revenue_sum", "revenue_by_region.html")'],
     ["#E3 == \"revenue_by_region.html\""],
     {"kind": "chart", "chart": "bar", "x": "region", "y": "revenue_sum", "ordered": False, "tolerance": 1e-6},
     "result = flat(read('sales.csv').groupby('region').agg({'revenue': ['sum']}))")
task("chart-oslo-line", "charts", "Draw a line chart of Oslo's daily temperature from weather.csv into "
     "oslo.html.", ["weather.csv"],
     ['read_csv("weather.csv")', 'filter(#E1, "station == \'Oslo\'")',
      'plot(#E2, "line", "date", "temp_c", "oslo.html")'],
     ["#E3 == \"oslo.html\""],
     {"kind": "chart", "chart": "line", "x": "date", "y": "temp_c", "ordered": False},
     "w = read('weather.csv'); result = w[w['station'] == 'Oslo'][['date', 'temp_c']]")
task("chart-salary-hist", "charts", "Draw a histogram of the salaries in employees.jsonl into salaries.html.",
     ["employees.jsonl"],
     ['read_json("employees.jsonl", lines=true)', 'plot(#E1, "hist", "salary", path="salaries.html")'],
     ["#E2 == \"salaries.html\""],
     {"kind": "chart", "chart": "hist", "x": "salary", "ordered": False},
     "result = read('employees.jsonl')[['salary']]")
task("chart-lisbon-scatter", "charts", "Draw a scatter chart of temperature against rain in Lisbon from "
     "weather.csv into lisbon_rain.html.", ["weather.csv"],
     ['read_csv("weather.csv")', 'filter(#E1, "station == \'Lisbon\'")',
      'plot(#E2, "scatter", "temp_c", "rain_mm", "lisbon_rain.html")'],
     ["#E3 == \"lisbon_rain.html\""],
     {"kind": "chart", "chart": "scatter", "x": "temp_c", "y": "rain_mm", "ordered": False},
     "w = read('weather.csv'); result = w[w['station'] == 'Lisbon'][['temp_c', 'rain_mm']]")
task("chart-status-bar", "charts", "Draw a bar chart of the number of orders per status in orders.csv into "
     "status.html.", ["orders.csv"],
     ['read_csv("orders.csv")', 'value_counts(#E1, "status")', 'plot(#E2, "bar", "status", "count", "status.html")'],
     ["#E3 == \"status.html\""],
     {"kind": "chart", "chart": "bar", "x": "status", "y": "count", "ordered": False},
     "vc = read('orders.csv')['status'].value_counts(); "
     "result = pd.DataFrame({'status': vc.index, 'count': vc.values})")
task("chart-category-amount", "charts", "Draw a bar chart of the total order amount (price times quantity) per "
     "product category into category_amount.html, using orders.csv and products.csv.",
     ["orders.csv", "products.csv"],
     ['read_csv("orders.csv")', 'read_csv("products.csv")', 'merge(#E1, #E2, ["product_id"])',
      'assign(#E3, "amount", "price * quantity")', 'groupby_agg(#E4, ["category"], {"amount": ["sum"]})',
      'plot(#E5, "bar", "category", "amount_sum", "category_amount.html")'],
     ["#E6 == \"category_amount.html\""],
     {"kind": "chart", "chart": "bar", "x": "category", "y": "amount_sum", "ordered": False, "tolerance": 1e-6},
     ORDERS_AMOUNT + "result = flat(m.groupby('category').agg({'amount': ['sum']}))")


def expected_of(spec, result):
    out = dict(spec)
    kind = spec["kind"]
    if kind == "number":
        out["value"] = value(result)
        out.setdefault("tolerance", 1e-9)
    elif kind == "set":
        out["values"] = sorted({value(v) for v in result}, key=lambda v: (str(type(v)), v))
    elif kind in ("table", "chart"):
        df = result.reset_index(drop=True)
        if kind == "chart":
            cols = [c for c in (spec["x"], spec.get("y")) if c]
            df = df[cols]
        out["columns"] = [str(c) for c in df.columns]
        out["rows"] = [[value(v) for v in row] for row in df.itertuples(index=False, name=None)]
        out.setdefault("tolerance", 1e-9)
    else:
        raise ValueError(kind)
    return out


def main():
    tasks = []
    seen = set()
    for t in TASKS:
        assert t["id"] not in seen, t["id"]
        seen.add(t["id"])
        scope = {"pd": pd, "read": read, "flat": flat, "top": top}
        exec(t["code"], scope)
        expected = expected_of(t["expected"], scope["result"])
        plan = "".join(f"#E{i} = {call}\n" for i, call in enumerate(t["plan"], start=1))
        if t["criteria"]:
            plan += "Criteria:\n" + "".join(f"- {c}\n" for c in t["criteria"])
        tools = sorted({call.split("(", 1)[0] for call in t["plan"]})
        tasks.append({
            "id": t["id"],
            "category": t["category"],
            "task": t["task"],
            "files": [FILES[f] for f in t["files"]],
            "reference_plan": plan,
            "tools": tools,
            "expected": expected,
            "computed_with": "pandas " + pd.__version__ + ": " + t["code"],
        })
    suite = {
        "name": "dataops",
        "description": "Questions about small CSV and JSON Lines files, answered with DataOps' tools: lookups, "
                       "filters, group-bys, top-n, joins over up to three files, dates, cleaning, reshaping, "
                       "windows and charts. Expected answers computed with pandas by build_suite.py.",
        "toolkit": "dataops",
        "tasks": tasks,
    }
    out = HERE / "suite.json"
    tmp = out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(suite, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out)
    print(f"wrote {len(tasks)} tasks to {out}")


if __name__ == "__main__":
    main()
