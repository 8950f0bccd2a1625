#!/usr/bin/env python3
"""Writes the 入院 RECEIPTC.UKE fixtures of InpatientUKETests (記録条件仕様 医科 layout: one record a line,
comma-separated, CRLF, CP932). Run from this folder: python3 make_fixtures.py

Every 点数 and 金額 below is typed from the 医科診療行為マスター rows valid on the service days
(../shared/masters/kihon/s: s_ALL20220218 + updates for 2024-05, s_ALL20240531 for 2024-06 on), never from
Santei's output:
  190117710 急性期一般入院料１            1650 (≤ 2024-05-31), 1688 (2024-06-01 on)   点数欄集計先（入院） 903
  190079470 一般病棟入院期間加算（14日以内）  450                                       903
  190145710 25対1急性期看護補助体制加算（5割以上） 240 (2024-06-01 on)                   903, 04 加算識別 10
  190135910 50対1急性期看護補助体制加算      200 (2024-06-01 on)                         903, 04 加算識別 10
  190832110 診療録管理体制加算２ (入院初日)   100 (2024-06-01 on)                         903
  160008010 末梢血液一般検査 21, 160061810 血液学的検査判断料 125                        600
  197000110 入院時食事療養（１）（1食につき） 640円 (≤ 2024-05-31), 670円 (2024-06-01 on), 970,
            きざみ: 数量データ = meals of the day (1–3), 金額 = 670 × meals
  197000470 特別食加算（食事療養） 76円 a meal (きざみ as above), 970, 告示等識別区分（２） 7 (加算)
  197000570 食堂加算（食事療養） 50円 a day, 970
  197000810 食事療養標準負担額（一般） 490円 a meal (2024-06-01 on), 971
"""

def record(*fields):
    return ",".join(str(f) for f in fields)

def days(counts):
    """31 算定日 fields from {day: count}."""
    return [str(counts[d]) if d in counts else "" for d in range(1, 32)]

def si(category, code, quantity, points, times, day_counts, burden="1"):
    return record("SI", category, burden, code, quantity, points, times, "", "", "", "", "", "", *days(day_counts))

def ir(claim_month):
    return record("IR", "1", "13", "1", "1234567", "", "サンテイ病院", claim_month, "00", "0312345678")

def re(number, kind, month, name, sex, birth, admitted, karte, kana):
    fields = ["RE", number, kind, month, name, sex, birth, "", admitted, "", "", "", "", karte] + [""] * 22 + [kana, ""]
    assert len(fields) == 38
    return record(*fields)

def ho(days_, points, meals, meal_yen):
    return record("HO", "06132013", "１２３", "４５６", days_, points, "", meals, meal_yen, "", "", "", "", "", "")

def go(count, total):
    return record("GO", count, total, "99")

def write(name, lines):
    with open(name, "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("cp932"))

def span(first, last, count=1):
    return {d: count for d in range(first, last + 1)}

# A short stay in 急性期一般入院料１: admitted 2024-07-08, discharged 2024-07-12 (5 days), with 入院期間加算,
# a 14日限度 加算, an 入院初日 加算, one blood test, meals (2 on the first day, 3 a day, 1 on the last),
# 特別食 and 食堂 on the 9th–11th, and the 標準負担額 of every meal.
def short_stay(blank):
    P = (lambda v: "") if blank else (lambda v: v)
    body = [
        re("1", "1111", "202407", "入院　太郎", "1", "19600401", "20240708", "K0001", "ﾆｭｳｲﾝ ﾀﾛｳ"),
        ho("5", P(12136), P(12), P(8874)),
        record("SY", "0000999", "20240708", "1", "", "肺炎", "01", ""),
        si("90", "190117710", "", "", "5", span(8, 12)),
        si("", "190079470", "", P(2138), "5", span(8, 12)),
        si("", "190145710", "", P(240), "5", span(8, 12)),
        si("", "190832110", "", P(100), "1", {8: 1}),
        si("60", "160008010", "", P(21), "1", {8: 1}),
        si("", "160061810", "", P(125), "1", {8: 1}),
        si("97", "197000110", "2", P(1340), "1", {8: 1}),
        si("", "197000110", "3", P(2010), "3", span(9, 11)),
        si("", "197000110", "1", P(670), "1", {12: 1}),
        si("", "197000470", "3", P(228), "3", span(9, 11)),
        si("", "197000570", "", P(50), "3", span(9, 11)),
        si("", "197000810", "2", P(980), "1", {8: 1}),
        si("", "197000810", "3", P(1470), "3", span(9, 11)),
        si("", "197000810", "1", P(490), "1", {12: 1}),
    ]
    return [ir("202408")] + body + [go("1", P(12136))]

write("inpatient-short-stay-2024-07.UKE", short_stay(False))
write("inpatient-blank-points-2024-07.UKE", short_stay(True))

# A stay across the 令和6年度改定 (2024-06-01): admitted 2024-05-27, discharged 2024-06-03; one receipt a
# month (R04 points in May, R06 in June), 3 meals a day except 1 on the day of discharge.
across = [
    ir("202407"),
    re("1", "1111", "202405", "改定　花子", "2", "19550310", "20240527", "K0002", "ｶｲﾃｲ ﾊﾅｺ"),
    ho("5", "10500", "15", "9600"),
    record("SY", "0000999", "20240527", "1", "", "心不全", "01", ""),
    si("90", "190117710", "", "", "5", span(27, 31)),
    si("", "190079470", "", "2100", "5", span(27, 31)),
    si("97", "197000110", "3", "1920", "5", span(27, 31)),
    re("2", "1111", "202406", "改定　花子", "2", "19550310", "20240527", "K0002", "ｶｲﾃｲ ﾊﾅｺ"),
    ho("3", "6414", "7", "4690"),
    record("SY", "0000999", "20240527", "1", "", "心不全", "01", ""),
    si("90", "190117710", "", "", "3", span(1, 3)),
    si("", "190079470", "", "2138", "3", span(1, 3)),
    si("97", "197000110", "3", "2010", "2", span(1, 2)),
    si("", "197000110", "1", "670", "1", {3: 1}),
    go("2", "16914"),
]
write("inpatient-across-2024-06-01.UKE", across)

# Two 急性期看護補助体制加算 of one 加算識別 (10) on the same days with 急性期一般入院料１: the 04
# 入院基本料テーブル allows one of them (audit SA-B002).
conflict = [
    ir("202408"),
    re("1", "1111", "202407", "重複　次郎", "1", "19700101", "20240701", "K0003", "ﾁｮｳﾌｸ ｼﾞﾛｳ"),
    ho("3", "7734", "", ""),
    record("SY", "0000999", "20240701", "1", "", "肺炎", "01", ""),
    si("90", "190117710", "", "", "3", span(1, 3)),
    si("", "190079470", "", "2138", "3", span(1, 3)),
    si("", "190145710", "", "240", "3", span(1, 3)),
    si("", "190135910", "", "200", "3", span(1, 3)),
    go("1", "7734"),
]
write("inpatient-04-conflict-2024-07.UKE", conflict)
