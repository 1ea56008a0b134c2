"""Regenerates the expected values of DataOpsPandasTest with pandas 1.5.3 (Debian's python3-pandas).

Run from the repository root:  /usr/bin/python3 agent-tools/src/test/pandas/expected_values.py
It reads the small CSV files in agent-tools/src/test/resources/dev/pev4j/tools/data/pandas/ and writes one
<case>.csv there per case: the columns of pandas' result that the Java test compares with the toolkit's result.
Floats are written with repr (17 significant digits), missing values as empty cells, infinities as inf/-inf.
"""
import os
import sys

import numpy as np
import pandas as pd

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "dev", "pev4j", "tools", "data",
                    "pandas")


def load():
    df = pd.read_csv(os.path.join(HERE, "orders.csv"))
    df["day"] = pd.to_datetime(df["day"])
    df["shipped"] = pd.to_datetime(df["shipped"])
    wide = pd.read_csv(os.path.join(HERE, "wide.csv"))
    return df, wide


def write(name, frame):
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    frame.to_csv(os.path.join(HERE, name + ".csv"), index=False, float_format=repr, date_format="%Y-%m-%d %H:%M:%S")


def main():
    if pd.__version__ != "1.5.3":
        print("warning: expected values were recorded with pandas 1.5.3, this is " + pd.__version__, file=sys.stderr)
    df, wide = load()
    g = df.groupby("store")

    # statistics
    q = g[["sales", "units"]].quantile([0.25, 0.5, 0.9]).reset_index().rename(columns={"level_1": "quantile"})
    write("quantile_by_store", q)
    q = df[["sales", "units"]].quantile([0, 0.33, 0.5, 1]).rename_axis("quantile").reset_index()
    write("quantile", q)
    agg = g.agg(sales_quantile_0_9=("sales", lambda s: s.quantile(0.9)), sales_quantile=("sales", "median"),
                sales_first=("sales", "first"), sales_last=("sales", "last"), sales_size=("sales", "size"))
    agg.columns = ["sales_quantile_0.9", "sales_quantile", "sales_first", "sales_last", "sales_size"]
    write("groupby_agg_quantile", agg.reset_index())
    write("mode_sales", df["sales"].mode().to_frame("sales"))
    write("mode_store", df["store"].mode().to_frame("store"))
    write("idx", pd.DataFrame({"idxmax": [df["sales"].idxmax()], "idxmin": [df["sales"].idxmin()]}))

    # row-relative
    out = pd.DataFrame()
    out["sales_shift"] = g["sales"].shift(1)
    out["sales_shift_back"] = df["sales"].shift(-2)
    out["sales_diff"] = g["sales"].diff()
    out["sales_diff_all"] = df["sales"].diff()
    out["sales_pct_change"] = df["sales"].pct_change()
    out["sales_pct_change_by"] = g["sales"].pct_change()
    out["units_pct_change_2"] = df["units"].pct_change(periods=2)
    write("row_relative", out)

    out = pd.DataFrame()
    for method in ["average", "min", "max", "first", "dense"]:
        out["rank_" + method] = df["sales"].rank(method=method)
        out["rank_" + method + "_desc"] = df["sales"].rank(method=method, ascending=False)
        out["rank_" + method + "_top"] = df["sales"].rank(method=method, na_option="top")
        out["rank_" + method + "_bottom_pct"] = df["sales"].rank(method=method, na_option="bottom", pct=True)
        out["rank_" + method + "_pct"] = df["sales"].rank(method=method, pct=True)
    out["rank_by_store"] = g["sales"].rank(method="min", ascending=False)
    write("rank", out)

    # windows
    out = pd.DataFrame(index=df.index)
    out["mean_2_by"] = g["sales"].rolling(2).mean().reset_index(level=0, drop=True)
    out["std_3_min2_by"] = g["sales"].rolling(3, min_periods=2).std().reset_index(level=0, drop=True)
    for func in ["mean", "sum", "std", "var", "min", "max", "median"]:
        out[func + "_3_min1"] = getattr(df["sales"].rolling(3, min_periods=1), func)()
    out["max_2"] = df["units"].rolling(2).max()
    out["median_4_min2"] = df["units"].rolling(4, min_periods=2).median()
    for func in ["mean", "sum", "std", "min", "max", "median"]:
        out["expanding_" + func] = getattr(df["sales"].expanding(), func)()
    out["expanding_mean_by"] = g["sales"].expanding().mean().reset_index(level=0, drop=True)
    out["ewm_span3"] = df["sales"].ewm(span=3).mean()
    out["ewm_alpha_noadjust"] = df["sales"].ewm(alpha=0.3, adjust=False).mean()
    out["ewm_ignore_na"] = df["sales"].ewm(com=1.5, ignore_na=True).mean()
    out["ewm_halflife_by"] = g["sales"].ewm(halflife=2).mean().reset_index(level=0, drop=True)
    write("windows", out.sort_index())

    out = pd.DataFrame()
    for func in ["sum", "mean", "max", "count", "size", "first"]:
        out["sales_" + func] = g["sales"].transform(func)
    out["sales_quantile_0.25"] = g["sales"].transform(lambda s: s.quantile(0.25))
    for func in ["cumsum", "cummax", "cummin", "cumprod"]:
        out["units_" + func] = g["units"].transform(func)
    out["sales_cumcount"] = g.cumcount()
    write("groupby_transform", out)

    # reshaping and binning
    write("melt", wide.melt(id_vars=["store"]))
    write("melt_some", wide.melt(id_vars=["store"], value_vars=["feb", "jan"], var_name="month", value_name="n"))
    out = pd.DataFrame()
    out["edges"] = pd.cut(df["sales"], [0, 5, 10, 20]).astype(str).replace("nan", np.nan)
    out["edges_lowest"] = pd.cut(df["sales"], [0, 5, 10, 20], include_lowest=True).astype(str).replace("nan", np.nan)
    out["edges_left"] = pd.cut(df["sales"], [0, 5, 10, 20], right=False).astype(str).replace("nan", np.nan)
    out["labels"] = pd.cut(df["sales"], [-1, 0, 10, 100], labels=["zero", "some", "many"]).astype(object)
    out["count3"] = pd.cut(df["sales"], 3).astype(str).replace("nan", np.nan)
    out["q3"] = pd.qcut(df["sales"], 3).astype(str).replace("nan", np.nan)
    out["q_labels"] = pd.qcut(df["units"], [0, 0.5, 1], labels=["low", "high"]).astype(object)
    write("binning", out)

    # text
    out = pd.DataFrame()
    out["refund"] = df["note"].str.contains("refund|return", case=False)
    out["digits_gone"] = df["note"].str.replace(r"\d+", "#", regex=True)
    out["swap"] = df["note"].str.replace(r"(\w+) (\w+)", r"\2 \1", regex=True)
    out["number"] = df["note"].str.extract(r"(\d+)", expand=False)
    out["strip"] = df["note"].str.strip("ok ")
    out["lower"] = df["note"].str.lower()
    out["upper"] = df["note"].str.upper()
    out["len"] = df["note"].str.len()
    parts = df["note"].str.split(expand=True)
    for i in parts.columns:
        out["words_%d" % i] = parts[i]
    parts = df["note"].str.split("-", n=1, expand=True)
    for i in parts.columns:
        out["dash_%d" % i] = parts[i]
    write("text", out)

    # dates
    out = pd.DataFrame()
    out["month"] = df["day"].dt.strftime("%Y-%m")
    out["long"] = df["shipped"].dt.strftime("%d %b %Y %H:%M")
    out["shipped_day"] = df["shipped"].dt.floor("D")
    out["shipped_hour_up"] = df["shipped"].dt.ceil("H")
    out["wait_seconds"] = (df["shipped"] - df["day"]).dt.total_seconds()
    out["wait_hours"] = (df["shipped"] - df["day"]).dt.total_seconds() / 3600
    out["wait_days"] = (df["shipped"] - df["day"]).dt.days
    write("dates", out)

    for rule in ["D", "W", "MS", "M", "Q", "Y"]:
        r = df.resample(rule, on="day").agg({"sales": ["sum", "mean", "count", "max"], "units": ["sum", "size"]})
        r.columns = ["_".join(c) for c in r.columns]
        write("resample_" + rule, r.reset_index())

    # merge with differently named keys and an indicator; crosstab
    stores = pd.read_csv(os.path.join(HERE, "stores.csv"))
    m = pd.merge(df, stores, left_on=["store"], right_on=["code"], how="outer", indicator=True)
    m["_merge"] = m["_merge"].astype(str)
    write("merge_outer_indicator", m[["store", "code", "city", "sales_x", "sales_y", "_merge"]])
    m = pd.merge(df, stores, left_on=["store"], right_on=["code"], how="left", validate="many_to_one")
    write("merge_left_on", m[["store", "code", "city", "sales_x", "sales_y"]])
    month = df["day"].dt.month.rename("day_month")
    for norm in [False, "all", "index", "columns"]:
        for margins in [False, True]:
            c = pd.crosstab(df["store"], month, normalize=norm, margins=margins)
            c.columns = [str(x) for x in c.columns]
            write("crosstab_%s_%s" % (norm, margins), c.reset_index())

    # the expression language's where
    out = pd.DataFrame()
    out["size"] = np.where(df["sales"] > 5, "big", "small")
    out["bonus"] = np.where(df["units"] >= 3, df["sales"] * 0.1, 0)
    write("where", out)


if __name__ == "__main__":
    main()
