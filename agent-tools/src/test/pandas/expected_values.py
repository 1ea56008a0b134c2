"""Regenerates the expected values of DataOpsPandasTest with pandas 1.5.3 (Debian's python3-pandas).

Run from the repository root:  /usr/bin/python3 agent-tools/src/test/pandas/expected_values.py
It reads the small CSV files in agent-tools/src/test/resources/dev/pev4j/tools/data/pandas/ and writes one
<case>.csv there per case: the columns of pandas' result that the Java test compares with the toolkit's result.
Floats are written with repr (17 significant digits), missing values as empty cells, infinities as inf/-inf.
"""
import os
import sys
import warnings

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

    second_round(df)


def flat_pivot(table, values, aggfunc):
    """pandas' pivot columns named as DataOps names them: the column value for one value and one aggfunc, else
    <value>_<aggfunc>_<column value>; then the index as columns."""
    values = values if isinstance(values, list) else [values]
    funcs = aggfunc if isinstance(aggfunc, list) else [aggfunc]
    names = []
    for c in table.columns:
        c = c if isinstance(c, tuple) else (c,)
        if len(values) == 1 and len(funcs) == 1:
            names.append(str(c[-1]))
        elif isinstance(aggfunc, list) and len(c) == 3:
            names.append("%s_%s_%s" % (c[1], c[0], c[2]))
        elif isinstance(aggfunc, list):
            names.append("%s_%s_%s" % (values[0], c[0], c[1]))
        else:
            names.append("%s_%s_%s" % (c[0], funcs[0], c[1]))
    table = table.copy()
    table.columns = names
    return table.reset_index()


def second_round(df):
    """pivot_table with several values and aggfuncs, margins and fill_value; time zones; rolling time windows."""
    pv = pd.read_csv(os.path.join(HERE, "pivot.csv"))
    pv["year"] = pv["year"].astype("Int64")  # DataOps keeps whole numbers whole: labels 2023, not 2023.0
    cases = {
        "pivot_values_sum": dict(index=["region"], columns="year", values=["units", "revenue"], aggfunc="sum"),
        "pivot_values_aggfuncs": dict(index=["region"], columns="year", values=["units", "revenue"],
                                      aggfunc=["sum", "mean"]),
        "pivot_aggfuncs_margins": dict(index=["region"], columns="year", values="revenue", aggfunc=["mean", "sum"],
                                       margins=True),
        "pivot_mean_margins": dict(index=["region"], columns="year", values="revenue", aggfunc="mean", margins=True),
        "pivot_sum_margins_fill": dict(index=["region"], columns="year", values="revenue", aggfunc="sum",
                                       margins=True, fill_value=0),
        "pivot_count_fill": dict(index=["region"], columns="channel", values="units", aggfunc="count", margins=True,
                                 fill_value=0, margins_name="Total"),
        "pivot_std_margins": dict(index=["region"], columns="channel", values="revenue", aggfunc="std",
                                  margins=True),
        "pivot_all_margins_fill": dict(index=["region"], columns="year", values=["revenue", "units"],
                                       aggfunc=["sum", "mean", "max"], margins=True, fill_value=-1),
        "pivot_nunique_median": dict(index=["channel"], columns="region", values="revenue",
                                     aggfunc=["nunique", "median"], margins=True),
    }
    for name, kw in cases.items():
        write(name, flat_pivot(pv.pivot_table(**kw), kw["values"], kw["aggfunc"]))

    # time zones: tz-aware results written as their clock time (DataOps' date columns carry no zone)
    z = pd.read_csv(os.path.join(HERE, "zones.csv"))
    out = pd.DataFrame()
    utc = pd.to_datetime(z["stamp"], utc=True)
    out["stamp"] = utc.dt.tz_localize(None)
    out["berlin"] = utc.dt.tz_convert("Europe/Berlin").dt.tz_localize(None)
    out["berlin_hour"] = utc.dt.tz_convert("Europe/Berlin").dt.hour
    out["new_york"] = utc.dt.tz_convert("America/New_York").dt.tz_localize(None)
    local = pd.to_datetime(z["local"]).dt.tz_localize("Europe/Berlin")
    out["local"] = local.dt.tz_localize(None)
    out["local_utc"] = local.dt.tz_convert("UTC").dt.tz_localize(None)
    out["local_tokyo"] = local.dt.tz_convert("Asia/Tokyo").dt.tz_localize(None)
    write("zones_expected", out)
    edges = pd.to_datetime(pd.read_csv(os.path.join(HERE, "dst.csv"))["t"])
    out = pd.DataFrame()
    out["nat"] = edges.dt.tz_localize("Europe/Berlin", ambiguous="NaT", nonexistent="NaT").dt.tz_localize(None)
    out["shift_forward"] = edges.dt.tz_localize("Europe/Berlin", ambiguous="NaT",
                                                nonexistent="shift_forward").dt.tz_localize(None)
    write("dst_edges", out)

    # rolling over time: duplicate times, gaps, missing values, every closed side, groups, a descending column
    ticks = pd.read_csv(os.path.join(HERE, "ticks.csv"), parse_dates=["time"])
    out = pd.DataFrame(index=ticks.index)
    r = ticks.rolling("2D", on="time")["value"]
    for func in ["sum", "mean", "min", "max", "std", "var", "median", "count"]:
        out[func + "_2D"] = getattr(r, func)()
    for closed in ["left", "both", "neither"]:
        rc = ticks.rolling("2D", on="time", closed=closed)["value"]
        out["sum_2D_" + closed] = rc.sum()
        out["count_2D_" + closed] = rc.count()
        out["max_2D_" + closed] = rc.max()
    out["mean_36H_min2"] = ticks.rolling("36H", on="time", min_periods=2)["value"].mean()
    out["median_1D12H"] = ticks.rolling("1D12H", on="time")["value"].median()
    out["sum_6H"] = ticks.rolling("6H", on="time")["value"].sum()
    for _, part in ticks.groupby("group"):
        out.loc[part.index, "max_3D_by"] = part.rolling("3D", on="time")["value"].max()
        out.loc[part.index, "std_7D_by"] = part.rolling("7D", on="time")["value"].std()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # pandas 1.5 counts with min_periods=0 by default
        out["count_3"] = ticks["value"].rolling(3).count()
    out["count_3_min2"] = ticks["value"].rolling(3, min_periods=2).count()
    out["sum_3_both"] = ticks["value"].rolling(3, closed="both").sum()
    out["expanding_count"] = ticks["value"].expanding().count()
    out["sum_2D_descending"] = ticks.iloc[::-1].rolling("2D", on="time")["value"].sum()
    write("rolling_time", out)
    out = pd.DataFrame(index=df.index)
    for _, part in df.groupby("store"):
        out.loc[part.index, "sales_7D_by_store"] = part.rolling("7D", on="day")["sales"].sum()
    write("rolling_time_orders", out)


if __name__ == "__main__":
    main()
