# Writes inpatient-cases.json: every expected line below is derived by hand from the 告示/通知 text cited
# in the case (../shared/legal/R06; R04 values from 令和4年厚生労働省告示第54号), not from the engine.
import json
K = "../shared/legal/R06/ika-kokuji.txt"
T = "../shared/legal/R06/ika-tsuuchi.txt"
A100 = K + " 462 (A100 1 イ 急性期一般入院料１ 1,688点), 490-493 (注3 イ 14日以内 450点, ロ 15日以上30日以内 192点)"
def std(*codes, since="2024-06-01"): return [{"code": c, "from": since} for c in codes]
def claim(adm, standards, kind="hospital", birth="1960-04-01", encounters=None, insurance=None):
    c = {"id": "g", "patient": {"birth_date": birth}, "facility": {"kind": kind, "beds": 150, "standards": standards},
         "encounters": encounters or [], "admission": adm}
    if insurance: c["insurance"] = insurance
    return c
def days(a, b): return list(range(a, b + 1))
def L(codes, points, ds): return {"codes": codes, "points": points, "times": len(ds), "days": ds}
def M(code, yen, times, ds): return {"codes": [code], "yen": yen, "times": times, "days": ds}
B, P14, P30 = "190117710", "190079470", "190079670"
cases = []
def case(name, section, source, c, lines, meals=None, notes=None, issues=None, copay=None, orders_points=0, included=None, masters=None):
    # orders_points: Σ points × 回数 of the claim's priced orders (and derived 判断料), derived by hand in the case.
    # included: the ordered items a 特定入院料 concerns ({code, day, removed}); masters "fixture-02": the real
    # masters plus Fixtures/tensuhyo/ika-R06/02包括テーブル.csv (written below).
    total = sum(l["points"] * l["times"] for l in lines) + orders_points
    cases.append({"name": name, "section": section, "source": source, "claim": c, **({"masters": masters} if masters else {}),
                  "expected": {"total_points": total, "lines": lines, "meals": meals or [], "notes_contain": notes or [],
                               "issues_contain": issues or [], **({"copay": copay} if copay else {}),
                               **({"included": included} if included is not None else {})}})

case("a five-day stay in 急性期一般入院料１ is 1,688 + 450 points each day", "A100 注3", A100,
     claim({"date": "2024-06-03", "discharge": "2024-06-07", "ward": {"basic_fee": B}}, std(3525)),
     [L([B, P14], 2138, days(3, 7))])
case("the 入院期間加算 falls from 450 to 192 on day 15 and ends after day 30 (入院 2024-05-20, June)", "A100 注3",
     A100 + "; 告示 第2部 通則5 (期間は入院した日から起算)",
     claim({"date": "2024-05-20", "ward": {"basic_fee": B}}, std(3525, since="2024-04-01"), encounters=[{"date": "2024-06-01", "orders": []}]),
     [L([B, P14], 2138, days(1, 2)), L([B, P30], 1880, days(3, 18)), L([B], 1688, days(19, 30))])
case("外泊 days are 15% of the 基本点数, 1,688 × 15% = 253.2 → 253, without 入院期間加算", "A100 通知 第2部 通則6",
     A100 + "; " + T + " 948-956 (通則6(1): 外泊期間中は入院基本料の基本点数の15％, 四捨五入)",
     claim({"date": "2024-06-03", "discharge": "2024-06-10", "ward": {"basic_fee": B}, "leave": [{"date": "2024-06-06"}, {"date": "2024-06-07"}]}, std(3525)),
     [L([B, P14], 2138, [3, 4, 5, 8, 9, 10]), L([B, "190107290"], 253, [6, 7])])
case("a 再入院 within three months continues the 起算日: day 17 on admission, 192 points, no 入院初日 加算", "A100 注3 / 通則5",
     A100 + "; " + T + " 963-1008 (通則7(2) 同一傷病の再入院は初回入院日を起算日; 通則8 入院期間が通算される再入院の初日は算定できない)",
     claim({"date": "2024-06-10", "reckoning_date": "2024-05-25", "discharge": "2024-06-14", "ward": {"basic_fee": B}}, std(3525, 4490, 3291)),
     [L([B, P30], 1880, days(10, 14))], notes=["通則8"])
case("入院初日 加算 on day 1 and 14日を限度 加算 on days 1–14 of a 20-day stay", "A200 / A207 / A207-3 / A234",
     A100 + "; " + K + " 1614-1623 (A200 総合入院体制加算１ 260点, 入院した日から起算して14日を限度), 1740-1741 (A207 診療録管理体制加算１ 140点, 入院初日), 1775-1776 (A207-3 25対１急性期看護補助体制加算（看護補助者５割以上） 240点, 14日を限度), 2209-2210 (A234 医療安全対策加算１ 85点, 入院初日)",
     claim({"date": "2024-06-01", "discharge": "2024-06-20", "ward": {"basic_fee": B}}, std(3525, 3268, 4490, 3291, 3288)),
     [L([B, P14], 2138, days(1, 14)), L([B, P30], 1880, days(15, 20)), L(["190190410"], 260, days(1, 14)),
      L(["190145710"], 240, days(1, 14)), L(["190832010"], 140, [1]), L(["190120510"], 85, [1])])
case("a stated 退院時 加算 (入退院支援加算１, 700 points) falls on the 退院日", "A246",
     A100 + "; " + K + " 2413-2416 (A246 入退院支援加算１ イ 一般病棟入院基本料等の場合 700点, 退院時１回)",
     claim({"date": "2024-06-03", "discharge": "2024-06-12", "ward": {"basic_fee": B}, "additions": [{"code": "190192310"}]}, std(3525, 3455)),
     [L([B, P14], 2138, days(3, 12)), L(["190192310"], 700, [12])])
case("地域一般入院料１ takes the 一般病棟 入院期間加算 (名寄せ 8020): 1,176 + 450", "A100 2 イ / 注3",
     K + " 470 (A100 2 イ 地域一般入院料１ 1,176点), 490-492 (注3 イ 450点)",
     claim({"date": "2024-06-05", "discharge": "2024-06-08", "ward": {"basic_fee": "190200210"}}, std(3531)),
     [L(["190200210", P14], 1626, days(5, 8))])
case("有床診療所入院基本料１ is 932, 724 and 615 points by the period of the stay", "A108 1",
     K + " 1389-1393 (A108 1 イ 14日以内の期間 932点, ロ 15日以上30日以内の期間 724点, ハ 31日以上の期間 615点)",
     claim({"date": "2024-05-28", "month": "2024-06", "ward": {"basic_fee": "190169610"}}, std(3259, since="2024-04-01"), kind="clinic"),
     [L(["190169610"], 932, days(1, 10)), L(["190169710"], 724, days(11, 26)), L(["190169810"], 615, days(27, 30))])
meals_src = "入院時食事療養費の算定基準 (平成18年告示第99号) 別表 一: 食事療養(Ⅰ) 670円/食 (流動食のみ 605円), (Ⅱ) 536円 (490円), 特別食加算 76円/食, 食堂加算 50円/日, from 2024-06-01 (s_ALL20240531 197… rows; not in ../shared/legal)"
case("meals under 食事療養(Ⅰ) with 特別食 and 食堂: 670 per meal, 76 per 特別食 meal, 50 per day", "食事療養 (Ⅰ)", meals_src,
     claim({"date": "2024-06-03", "discharge": "2024-06-04", "ward": {"basic_fee": B},
            "meals": [{"date": "2024-06-03", "served": ["lunch", "dinner"], "special": ["dinner"], "dining_room": True},
                      {"date": "2024-06-04", "served": ["breakfast"], "special": ["breakfast"], "dining_room": True}]}, std(3525, 642)),
     [L([B, P14], 2138, [3, 4])],
     meals=[M("197000110", 670, 3, [3, 4]), M("197000470", 76, 2, [3, 4]), M("197000570", 50, 2, [3, 4])])
case("without the 施設基準 of (Ⅰ) meals are (Ⅱ), 536 yen, and 特別食・食堂 加算 are not billed", "食事療養 (Ⅱ)", meals_src,
     claim({"date": "2024-06-03", "discharge": "2024-06-03", "ward": {"basic_fee": B},
            "meals": [{"date": "2024-06-03", "served": ["breakfast", "lunch", "dinner"], "special": ["lunch"], "dining_room": True}]}, std(3525)),
     [L([B, P14], 2138, [3])], meals=[M("197000710", 536, 3, [3])], notes=["特別食加算", "食堂加算"])
case("流動食のみ under (Ⅰ) is 605 yen a meal and takes no 特別食加算", "食事療養 (Ⅰ) 流動食", meals_src,
     claim({"date": "2024-06-03", "discharge": "2024-06-04", "ward": {"basic_fee": B},
            "meals": [{"date": "2024-06-03", "served": ["breakfast", "lunch", "dinner"], "special": ["dinner"], "liquid_only": True},
                      {"date": "2024-06-04", "served": ["breakfast", "lunch"], "liquid_only": True}]}, std(3525, 642)),
     [L([B, P14], 2138, [3, 4])], meals=[M("197003110", 605, 5, [3, 4])], notes=["流動食のみ"])
case("before 2024-06-01: 急性期一般入院料１ 1,650 points and 食事療養(Ⅰ) 640 yen (令和4)", "A100 / 食事療養 (R04)",
     "令和4年厚生労働省告示第54号 A100 1 イ 急性期一般入院料１ 1,650点, 注3 イ 450点; 食事療養(Ⅰ) 640円 (平成18年告示第99号, 令和6年5月まで)",
     claim({"date": "2024-05-20", "discharge": "2024-05-21", "ward": {"basic_fee": B},
            "meals": [{"date": "2024-05-20", "served": ["lunch", "dinner"]}, {"date": "2024-05-21", "served": ["breakfast"]}]}, std(3525, 642, since="2022-04-01")),
     [L([B, P14], 2100, [20, 21])], meals=[M("197000110", 640, 3, [20, 21])])
case("精神病棟 外泊 for treatment: 30% for at most three days in a row, then 15% (844 → 253, 127)", "A103 / 通知 第2部 通則6",
     K + " 877 (A103 3 15対１入院基本料 844点), 899-901 (注3 イ 14日以内 465点); " + T + " 948-956 (通則6(1): 精神及び行動の障害の患者 更に15％, 連続して３日以内, 四捨五入)",
     claim({"date": "2024-06-03", "discharge": "2024-06-12", "ward": {"basic_fee": "190083810"},
            "leave": [{"date": "2024-06-0%d" % d, "psychiatric": True} for d in (5, 6, 7, 8)]}, std(3227)),
     [L(["190083810", "190085210"], 1309, [3, 4, 9, 10, 11, 12]), L(["190083810", "190107390"], 253, [5, 6, 7]), L(["190083810", "190107290"], 127, [8])])
case("一般病棟特別入院基本料 takes the 特別入院基本料等 入院期間加算: 612 + 300", "A100 注2 / 注3",
     K + " 480-482 (A100 注2 特別入院基本料 612点), 492 (注3 イ 特別入院基本料等については 300点)",
     claim({"date": "2024-06-03", "discharge": "2024-06-05", "ward": {"basic_fee": "190079010"}}, std(3402)),
     [L(["190079010", "190079570"], 912, days(3, 5))])
case("a stay across the month end, June: 入院初日 加算 on 6/25, six days", "A100 / A207",
     A100 + "; " + K + " 1740-1741 (A207 診療録管理体制加算１ 140点, 入院初日)",
     claim({"date": "2024-06-25", "month": "2024-06", "ward": {"basic_fee": B}}, std(3525, 4490)),
     [L([B, P14], 2138, days(25, 30)), L(["190832010"], 140, [25])])
case("a stay across the month end, July: days 7 to 11 of the 入院期間, no 入院初日 加算", "A100 / A207",
     A100 + "; " + T + " 1006-1007 (通則8 入院初日とは起算日)",
     claim({"date": "2024-06-25", "discharge": "2024-07-05", "month": "2024-07", "ward": {"basic_fee": B}}, std(3525, 4490)),
     [L([B, P14], 2138, days(1, 5))])
# 施設基準 3819 急性期充実体制加算１ (R06rec2 別紙7-8). From s_20240628 to s_20250602 the master let 3819 or 4051 meet
# both grades' rows (a faithful note "all fit" there); from 2025-06-01 each grade has its own code, so July 2025.
case("急性期充実体制加算１ is 440, 200 and 120 points by the period (7 / 8–11 / 12–14 days)", "A200-2",
     A100 + "; " + K + " 1626-1630 (A200-2 1 イ ７日以内の期間 440点, ロ ８日以上11日以内の期間 200点, ハ 12日以上14日以内の期間 120点)",
     claim({"date": "2025-07-01", "discharge": "2025-07-15", "ward": {"basic_fee": B}}, std(3525, 3819, since="2025-06-01")),
     [L([B, P14], 2138, days(1, 14)), L([B, P30], 1880, [15]), L(["190242710"], 440, days(1, 7)),
      L(["190242810"], 200, days(8, 11)), L(["190242910"], 120, days(12, 14))])
case("two 加算 of one 加算識別 both held (総合入院体制加算１ and 急性期充実体制加算１): neither, and a note", "A200 / A200-2",
     A100 + "; " + K + " 1622-1624 (A200 注: 急性期充実体制加算は別に算定できない); tensuhyo_01 §5(4) 加算識別",
     claim({"date": "2025-07-03", "discharge": "2025-07-04", "ward": {"basic_fee": B}}, std(3525, 3268, 3819, since="2025-06-01")),
     [L([B, P14], 2138, [3, 4])], notes=["加算識別 1"])
case("a ward whose 施設基準 the facility has not notified is an issue, not a price", "A100 注1",
     K + " 476-482 (A100 注1: 届け出た病棟に入院している患者について…算定する)",
     claim({"date": "2024-06-03", "discharge": "2024-06-04", "ward": {"basic_fee": B}}, std(3531)),
     [], issues=["does not hold"])
case("a stated 乳幼児加算 (病院) is 333 points each day", "A208",
     A100 + "; " + K + " 1816-1818 (A208 1 イ 病院の場合 333点, １日につき)",
     claim({"date": "2024-06-03", "discharge": "2024-06-05", "ward": {"basic_fee": B}, "additions": [{"code": "190100470"}]}, std(3525), birth="2023-01-01"),
     [L([B, P14], 2138, days(3, 5)), L(["190100470"], 333, days(3, 5))])
# A208 derived from the patient's age (age-additions.json): 乳幼児加算 ３歳未満, 幼児加算 ３歳以上６歳未満, legal age
# attained the day before the birthday (年齢計算ニ関スル法律); the 04 group of the ward's 入院基本料 names the row
# (急性期一般入院料１ group 001: 病院 190100470 333 / 190100770 283; 有床診療所入院基本料１ group 034/035: 診療所
# 190100670 289 / 190100970 239).
A208 = K + " 1816-1833 (A208 乳幼児加算・幼児加算（１日につき）: １ 乳幼児加算 イ 病院 333点, ハ 診療所 289点; ２ 幼児加算 イ 病院 283点, ハ 診療所 239点; 注1 ３歳未満の乳幼児, 注2 ３歳以上６歳未満の幼児); " + T + " 2201-2203"
INF, CHILD = "190100470", "190100770"
case("a 2-year-old in 急性期一般入院料１ for five days earns 乳幼児加算 (病院) 333 points each day, derived from the birth date", "A208 1 イ",
     A100 + "; " + A208,
     claim({"date": "2024-06-03", "discharge": "2024-06-07", "ward": {"basic_fee": B}}, std(3525), birth="2022-03-15"),
     [L([B, P14], 2138, days(3, 7)), L([INF], 333, days(3, 7))])
# Born 2021-06-06: 3 is attained on 2024-06-05 (the day before the 3rd birthday): 乳幼児 on 6/3–6/4, 幼児 from 6/5.
case("a child whose 3rd birthday is 2024-06-06 switches from 乳幼児加算 (333) to 幼児加算 (283) on 6/5, the day the age is attained", "A208 1 イ / 2 イ",
     A100 + "; " + A208 + "; 年齢計算ニ関スル法律 (an age is attained on the day before the birthday)",
     claim({"date": "2024-06-03", "discharge": "2024-06-07", "ward": {"basic_fee": B}}, std(3525), birth="2021-06-06"),
     [L([B, P14], 2138, days(3, 7)), L([INF], 333, [3, 4]), L([CHILD], 283, [5, 6, 7])])
# Born 2018-06-06: 6 is attained on 2024-06-05: 幼児加算 on 6/3–6/4 only.
case("a child turning 6 (birthday 2024-06-06) earns 幼児加算 (283) up to 6/4 and nothing from 6/5", "A208 2 イ",
     A100 + "; " + A208,
     claim({"date": "2024-06-03", "discharge": "2024-06-07", "ward": {"basic_fee": B}}, std(3525), birth="2018-06-06"),
     [L([B, P14], 2138, days(3, 7)), L([CHILD], 283, [3, 4])])
case("a 7-year-old earns neither 乳幼児加算 nor 幼児加算", "A208",
     A100 + "; " + A208,
     claim({"date": "2024-06-03", "discharge": "2024-06-07", "ward": {"basic_fee": B}}, std(3525), birth="2017-01-10"),
     [L([B, P14], 2138, days(3, 7))])
case("an infant in a 有床診療所 (有床診療所入院基本料１, 932) earns 乳幼児加算 (診療所) 289 points each day", "A208 1 ハ / A108",
     K + " 1389-1391 (A108 1 イ 14日以内の期間 932点); " + A208,
     claim({"date": "2024-06-10", "discharge": "2024-06-12", "ward": {"basic_fee": "190169610"}}, std(3259), kind="clinic", birth="2023-09-01"),
     [L(["190169610"], 932, days(10, 12)), L(["190100670"], 289, days(10, 12))])
# Stated 乳幼児加算 for the child turning 3: billed while it fits (6/3–6/4); from 6/5 it does not (a note) and the
# 幼児加算 the age gives is derived.
case("a stated 乳幼児加算 stops on the day 3 is attained and the derived 幼児加算 takes over (not both)", "A208",
     A100 + "; " + A208,
     claim({"date": "2024-06-03", "discharge": "2024-06-07", "ward": {"basic_fee": B}, "additions": [{"code": INF}]}, std(3525), birth="2021-06-06"),
     [L([B, P14], 2138, days(3, 7)), L([INF], 333, [3, 4]), L([CHILD], 283, [5, 6, 7])], notes=["下限年齢・上限年齢"])
case("a stated 乳幼児加算 for a 7-year-old is not billed (a note)", "A208",
     A100 + "; " + A208,
     claim({"date": "2024-06-03", "discharge": "2024-06-04", "ward": {"basic_fee": B}, "additions": [{"code": INF}]}, std(3525), birth="2017-01-10"),
     [L([B, P14], 2138, [3, 4])], notes=["not within its 下限年齢・上限年齢"])
case("a stated 乳幼児加算 with its days replaces the derived one of its 加算識別: 333 on the stated day only, never twice", "A208",
     A100 + "; " + A208,
     claim({"date": "2024-06-03", "discharge": "2024-06-05", "ward": {"basic_fee": B}, "additions": [{"code": INF, "days": ["2024-06-04"]}]}, std(3525), birth="2022-03-15"),
     [L([B, P14], 2138, days(3, 5)), L([INF], 333, [4])])
# 一般病棟特別入院基本料 190079010 (A100 注2, 612点; 注3 イ 特別入院基本料等 300点: 190079570) is 04 group 007,
# which lists the 特別入院基本料等 rows: 乳幼児加算 ロ 289 (190100570).
case("an infant under 特別入院基本料 earns 乳幼児加算 ロ (病院・特別入院基本料等) 289 points", "A208 1 ロ / A100 注2",
     K + " 480-482 (A100 注2 特別入院基本料 612点), 490-492 (注3 イ 14日以内 特別入院基本料等 300点); " + A208,
     claim({"date": "2024-06-03", "discharge": "2024-06-05", "ward": {"basic_fee": "190079010"}}, std(3402), birth="2023-01-01"),
     [L(["190079010", "190079570"], 912, days(3, 5)), L(["190100570"], 289, days(3, 5))])
# 外泊 6/5: 1,688 × 15% = 253.2 → 253, no 加算 (通知 第2部 通則6(1)): no 乳幼児加算 that day.
case("no 乳幼児加算 on an 外泊 day: 333 on the four days in hospital only", "A208 / 通知 第2部 通則6",
     A100 + "; " + A208 + "; " + T + " 948-956 (通則6(1): 外泊期間中は入院基本料の基本点数の15％)",
     claim({"date": "2024-06-03", "discharge": "2024-06-07", "ward": {"basic_fee": B}, "leave": [{"date": "2024-06-05"}]}, std(3525), birth="2022-03-15"),
     [L([B, P14], 2138, [3, 4, 6, 7]), L([B, "190107290"], 253, [5]), L([INF], 333, [3, 4, 6, 7])])
# A245 データ提出加算３ 注2 (療養病棟入院基本料 …): 「入院期間が90日を超えるごとに１回」, 通知 A245(2) 91日目, 181日目 …
# counted from the 起算日 over the 通算した入院期間. 療養病棟入院料１（入院料１） 190817610 1,964点 (A101 1 イ), 04
# group 114; データ提出加算 施設基準 3559 (200床未満): 加算１ 190207010 215 on 入院初日, 加算３ 190217610 215.
RY = "190817610"
A101 = K + " 596-597 (A101 1 イ 療養病棟入院料１ 入院料１ 1,964点)"
A245 = K + " 2379-2391 (A245 1 ロ データ提出加算１ 200床未満 215点 入院初日; 3 ロ データ提出加算３ 200床未満 215点, 入院期間が90日を超えるごとに１回), 2400-2412 (注2: 療養病棟入院基本料 … を届け出た病棟); " + T + " 3273-3279 (A245(2): 入院日から起算して91日目、181日目等; 通算した入院期間から算出)"
case("a 120-day stay in 療養病棟入院料１ from 2024-06-01: in August, day 91 (8/30) carries データ提出加算３ (215)", "A245 3 ロ / 注2",
     A101 + "; " + A245,
     claim({"date": "2024-06-01", "discharge": "2024-09-28", "month": "2024-08", "ward": {"basic_fee": RY}}, std(3405, 3559)),
     [L([RY], 1964, days(1, 31)), L(["190217610"], 215, [30])])
case("the same stay's June claim: データ提出加算１ (215) on the 入院初日 only", "A245 1 ロ / 注1",
     A101 + "; " + A245,
     claim({"date": "2024-06-01", "discharge": "2024-09-28", "month": "2024-06", "ward": {"basic_fee": RY}}, std(3405, 3559)),
     [L([RY], 1964, days(1, 30)), L(["190207010"], 215, [1])])
# 入院 2024-06-01 → 11/28 is day 181 (June 30, July 61, August 92, September 122, October 153).
case("day 181 (2024-11-28) carries データ提出加算３ again", "A245 3 ロ",
     A101 + "; " + A245,
     claim({"date": "2024-06-01", "month": "2024-11", "ward": {"basic_fee": RY}}, std(3405, 3559)),
     [L([RY], 1964, days(1, 30)), L(["190217610"], 215, [28])])
# 再入院 2024-07-15 continuing the 起算日 2024-05-01: 7/30 is day 91 of the 通算した入院期間; no データ提出加算１.
case("a continued 再入院 counts the 90 days from the 起算日: データ提出加算３ on 7/30 (day 91), no データ提出加算１", "A245 3 ロ / 通則5",
     A101 + "; " + A245 + "; " + T + " 963-1008 (通則7(2), 通則8)",
     claim({"date": "2024-07-15", "reckoning_date": "2024-05-01", "discharge": "2024-07-31", "ward": {"basic_fee": RY}}, std(3405, 3559, since="2024-04-01")),
     [L([RY], 1964, days(15, 31)), L(["190217610"], 215, [30])], notes=["通則8"])
case("急性期一般入院料１ is not a ward of A245 注2: no データ提出加算３ on day 91", "A245 注2",
     A100 + "; " + A245,
     claim({"date": "2024-06-01", "month": "2024-08", "ward": {"basic_fee": B}}, std(3525, 3559)),
     [L([B], 1688, days(1, 31))])
case("地域一般入院料２ is 1,153 points before 2024-06-01 and 1,170 from it", "A100 2 ロ",
     "令和4年厚生労働省告示第54号 A100 2 ロ 地域一般入院料２ 1,153点; " + K + " 471 (1,170点); 注3 イ 450点",
     claim({"date": "2024-05-30", "discharge": "2024-06-02", "month": "2024-05", "ward": {"basic_fee": "190077510"}}, std(3199, since="2022-04-01")),
     [L(["190077510", P14], 1603, [30, 31])])
case("地域一般入院料２ from 2024-06-01: 1,170 + 450", "A100 2 ロ",
     K + " 471 (A100 2 ロ 地域一般入院料２ 1,170点), 490-492 (注3 イ 450点)",
     claim({"date": "2024-05-30", "discharge": "2024-06-02", "month": "2024-06", "ward": {"basic_fee": "190077510"}}, std(3199, since="2022-04-01")),
     [L(["190077510", P14], 1620, [1, 2])])
# 高額療養費: 70歳未満 区分ウ, 入院 48,437 points (the 20-day stay above) = 484,370円.
# limit 80,100 + (484,370 − 267,000) × 1% = 82,273.7 → 82,274 (1円未満四捨五入); 3割 145,311 > limit → 82,274 to the yen.
# 食事 標準負担額 一般 490円 × 3 meals = 1,470円 (Masters/params/copay/meals.json, 令和6年6月〜).
big = claim({"date": "2024-06-01", "discharge": "2024-06-20", "ward": {"basic_fee": B},
             "meals": [{"date": "2024-06-20", "served": ["breakfast", "lunch", "dinner"]}]},
            std(3525, 3268, 4490, 3291, 3288, 642), birth="1970-04-01",
            insurance={"income_class": "ウ", "meal_class": "一般"})
case("an expensive 20-day stay reaches the 高額療養費 limit of 区分ウ; meals at 490 yen", "A100 / 高額療養費 入院",
     A100 + "; 健康保険法施行令第42条 (区分ウ 80,100円 + (医療費 − 267,000円) × 1%); 食事療養標準負担額 490円 (令和6年6月〜)",
     big,
     [L([B, P14], 2138, days(1, 14)), L([B, P30], 1880, days(15, 20)), L(["190190410"], 260, days(1, 14)),
      L(["190145710"], 240, days(1, 14)), L(["190832010"], 140, [1]), L(["190120510"], 85, [1])],
     meals=[M("197000110", 670, 3, [20])],
     copay={"copay_yen": 82274, "meal_yen": 1470, "yen_total": 484370})
# 70歳以上 一般: 入院 (世帯) limit 57,600円; 5 days × 2,138 = 10,690 points = 106,900円; 2割 (70–74) = 21,380 < 57,600.
# 10円未満四捨五入: 21,380. Meals 6 × 490 = 2,940.
case("a 72-year-old 一般 pays 2割 of a short stay, 10円未満四捨五入, and 490 yen a meal", "高額療養費 入院 (70歳以上)",
     A100 + "; 健康保険法第74条 (70歳以上75歳未満 2割), 第75条 (10円未満四捨五入); 食事療養標準負担額 490円",
     claim({"date": "2024-06-03", "discharge": "2024-06-07", "ward": {"basic_fee": B},
            "meals": [{"date": "2024-06-04", "served": ["breakfast", "lunch", "dinner"]}, {"date": "2024-06-05", "served": ["breakfast", "lunch", "dinner"]}]},
           std(3525, 642), birth="1952-01-15", insurance={"income_class": "一般", "meal_class": "一般"}),
     [L([B, P14], 2138, days(3, 7))], meals=[M("197000110", 670, 6, [4, 5])],
     copay={"copay_yen": 21380, "meal_yen": 2940, "yen_total": 106900})

case("結核病棟10対１入院基本料 takes the 結核病棟 入院期間加算: 1,405 + 400", "A102 2 / 注4",
     K + " 775 (A102 2 10対１入院基本料 1,405点), 801-803 (注4 イ 14日以内の期間 400点)",
     claim({"date": "2024-06-03", "discharge": "2024-06-04", "ward": {"basic_fee": "190081710"}}, std(3213)),
     [L(["190081710", "190118070"], 1805, [3, 4])])
case("障害者施設等10対１入院基本料 takes its own 入院期間加算: 1,375 + 312", "A106 2 / 注3",
     K + " 1230 (A106 2 10対１入院基本料 1,375点), 1252-1254 (注3 イ 14日以内の期間 312点)",
     claim({"date": "2024-06-03", "discharge": "2024-06-04", "ward": {"basic_fee": "190093710"}}, std(3252)),
     [L(["190093710", "190095770"], 1687, [3, 4])])
case("入院初日 加算 of the facility's notifications: 感染対策向上加算１ 710, 後発医薬品使用体制加算１ 87, データ提出加算２ (200床未満) 225", "A234-2 / A243 / A245",
     A100 + "; " + K + " 2224-2225 (A234-2 1 710点, 入院初日), 2344-2345 (A243 1 87点, 入院初日), 2379-2386 (A245 2 ロ 許可病床数が200床未満 225点, 入院初日)",
     claim({"date": "2024-06-03", "discharge": "2024-06-04", "ward": {"basic_fee": B}}, std(3525, 3025, 3451, 3561)),
     [L([B, P14], 2138, [3, 4]), L(["190147210"], 710, [3]), L(["190206910"], 87, [3]), L(["190207110"], 225, [3])])
case("報告書管理体制加算 (7 points) falls on the 退院日 only, for a stay with a 病理診断 (T-M 860 + 病理判断料 130)", "A234-5",
     A100 + "; " + K + " 2265-2271 (A234-5 報告書管理体制加算（退院時１回） ７点: 当該入院中に…第13部病理診断に掲げる診療料を算定したもの); N000 1 組織切片 860点, N007 病理判断料 130点",
     claim({"date": "2024-06-03", "discharge": "2024-06-05", "ward": {"basic_fee": B}}, std(3525, 3840),
           encounters=[{"date": "2024-06-04", "orders": [{"category": 60, "items": [{"code": "160060010"}]}]}]),
     [L([B, P14], 2138, days(3, 5)), L(["190244210"], 7, [5])], orders_points=860 + 130)
case("外泊 on days 14 and 15 counts in the 入院期間 and uses up the 14日を限度 of 総合入院体制加算", "A100 注3 / A200 / 通知 第2部 通則6",
     A100 + "; " + K + " 1614-1623 (A200 1 260点, 14日を限度); " + T + " 948-956 (通則6(1): 外泊期間は入院期間に算入, 基本点数の15％)",
     claim({"date": "2024-06-01", "discharge": "2024-06-16", "ward": {"basic_fee": B}, "leave": [{"date": "2024-06-14"}, {"date": "2024-06-15"}]}, std(3525, 3268)),
     [L([B, P14], 2138, days(1, 13)), L([B, "190107290"], 253, [14, 15]), L([B, P30], 1880, [16]), L(["190190410"], 260, days(1, 13))])
case("看護職員夜間12対１配置加算１ is 110 points a day for the first 14 days", "A207-4",
     A100 + "; " + K + " 1804-1806 (A207-4 1 イ 看護職員夜間12対１配置加算１ 110点), 1811-1815 (注: 入院した日から起算して14日を限度)",
     claim({"date": "2024-06-01", "discharge": "2024-06-16", "ward": {"basic_fee": B}}, std(3525, 3449)),
     [L([B, P14], 2138, days(1, 14)), L([B, P30], 1880, [15, 16]), L(["190190810"], 110, days(1, 14))])
case("an ordered item 入院外に限る (再診料, 入外適用区分 2) on an 入院 claim is an issue", "入外適用区分",
     A100 + "; R06rec1 項番13 入外適用区分 2 (入院外レセプトに限る)",
     claim({"date": "2024-06-03", "discharge": "2024-06-03", "ward": {"basic_fee": B}}, std(3525),
           encounters=[{"date": "2024-06-03", "orders": [{"category": 12, "items": [{"code": "112007410"}]}]}]),
     [L([B, P14], 2138, [3])], issues=["入外適用区分 2"])
# 多数回該当 区分ウ: 44,400円 (健康保険法施行令第42条); 3割 of 484,370 = 145,311 > 44,400.
big_many = json.loads(json.dumps(big)); big_many["insurance"]["many_times"] = True
case("the same stay in a 多数回該当 month pays the 区分ウ 多数回 limit, 44,400 yen", "高額療養費 入院 多数回",
     A100 + "; 健康保険法施行令第42条 (区分ウ 多数回該当 44,400円); 食事療養標準負担額 490円",
     big_many,
     [L([B, P14], 2138, days(1, 14)), L([B, P30], 1880, days(15, 20)), L(["190190410"], 260, days(1, 14)),
      L(["190145710"], 240, days(1, 14)), L(["190832010"], 140, [1]), L(["190120510"], 85, [1])],
     meals=[M("197000110", 670, 3, [20])],
     copay={"copay_yen": 44400, "meal_yen": 1470, "yen_total": 484370})

# 第３節 特定入院料. 救命救急入院料１ (施設基準 777, 救命救急入院料１): A300 1 イ ３日以内 10,268点, ロ ４日以上７日以内
# 9,292点, ハ ８日以上 7,934点, 14日を限度 (注1). Days count from the 入院日 (通知 第3節 1: 当該治療室に入院させた期間).
A300 = K + " 2636-2639 (A300 1 救命救急入院料１ イ ３日以内の期間 10,268点, ロ ４日以上７日以内の期間 9,292点, ハ ８日以上の期間 7,934点), 2664-2672 (注1: 14日を限度)"
E1, E2, E3 = "190024510", "190128610", "190074510"
# 注加算 of an 入院基本料等加算 (「更に所定点数に加算する」): no 04 group lists them; the master's 注加算コード links
# them to their 加算 (A207-3 rows 9091: 通番 0 the 加算, 1 夜間30・50・100対１, 2 夜間看護体制加算, 3 充実加算).
A2073 = K + " 1775-1785 (A207-3 1 25対１急性期看護補助体制加算（看護補助者５割以上） 240点, 注1 14日を限度), 1786-1792 (注2 イ 夜間30対１急性期看護補助体制加算 125点, 更に所定点数に加算), 1793-1795 (注3 夜間看護体制加算 71点), 1796-1802 (注4 イ 看護補助体制充実加算１ 20点, ロ ２ ５点; 身体的拘束を実施した日は充実加算２の例により算定); " + T + " 2182-2195 (A207-3 (5) 夜間急性期看護補助体制加算も14日を限度; (6) 夜間看護体制加算は夜間30対１等を算定している病棟; (8) 身体的拘束の日は充実加算２, 届出不要)"
case("夜間30対１急性期看護補助体制加算 125, 夜間看護体制加算 71 and 看護補助体制充実加算１ 20 follow 急性期看護補助体制加算 240 for 14 days", "A207-3 注2・注3・注4",
     A100 + "; " + A2073,
     claim({"date": "2024-07-01", "discharge": "2024-07-20", "ward": {"basic_fee": B}}, std(3525, 3288, 3289, 3448, 4053)),
     [L([B, P14], 2138, days(1, 14)), L([B, P30], 1880, days(15, 20)), L(["190145710"], 240, days(1, 14)),
      L(["190173010"], 125, days(1, 14)), L(["190832370"], 20, days(1, 14)), L(["190190770"], 71, days(1, 14))],
     notes=["身体的拘束"])
case("夜間看護体制加算 alone is not billed: the ward bills no 夜間急性期看護補助体制加算 (通知 A207-3 (6))", "A207-3 注3",
     A100 + "; " + A2073,
     claim({"date": "2024-07-01", "discharge": "2024-07-03", "ward": {"basic_fee": B}}, std(3525, 3288, 3448)),
     [L([B, P14], 2138, days(1, 3)), L(["190145710"], 240, days(1, 3))])
case("on the days of 身体的拘束 the clerk states 看護補助体制充実加算２ (5) and it replaces 充実加算１ (20) those days only", "A207-3 注4 ただし書",
     A100 + "; " + A2073,
     claim({"date": "2025-07-01", "discharge": "2025-07-05", "ward": {"basic_fee": B},
            "additions": [{"code": "190832470", "days": ["2025-07-02", "2025-07-03"]}]}, std(3525, 3288, 4053, since="2025-06-01")),
     [L([B, P14], 2138, days(1, 5)), L(["190145710"], 240, days(1, 5)), L(["190832470"], 5, [2, 3]), L(["190832370"], 20, [1, 4, 5])])
case("医療安全対策加算１ 85 and 医療安全対策地域連携加算１ 50 on the 入院初日", "A234 注2",
     A100 + "; " + K + " 2209-2223 (A234 1 医療安全対策加算１ 85点, 入院初日; 注2 イ 医療安全対策地域連携加算１ 50点, 更に所定点数に加算)",
     claim({"date": "2024-07-01", "discharge": "2024-07-03", "ward": {"basic_fee": B}}, std(3525, 3291, 3554)),
     [L([B, P14], 2138, days(1, 3)), L(["190120510"], 85, [1]), L(["190206670"], 50, [1])])
A2342 = K + " 2224-2256 (A234-2 1 感染対策向上加算１ 710点, 2 175点, 3 75点; 注1 入院初日 (３は入院初日及び入院期間が90日を超えるごとに１回); 注2 指導強化加算 30点 (加算１); 注3 連携強化加算 30点, 注4 サーベイランス強化加算 ３点 (加算２又は３); 注5 抗菌薬適正使用体制加算 ５点 (感染対策向上加算を算定する場合))"
case("感染対策向上加算２ 175 with 連携強化加算 30, サーベイランス強化加算 3 and 抗菌薬適正使用体制加算 5 on the 入院初日", "A234-2 注3・注4・注5",
     A100 + "; " + A2342,
     claim({"date": "2024-07-01", "discharge": "2024-07-03", "ward": {"basic_fee": B}}, std(3525, 3026, 3866, 3867, 4056)),
     [L([B, P14], 2138, days(1, 3)), L(["190147310"], 175, [1]), L(["190243970"], 30, [1]), L(["190244070"], 3, [1]), L(["190833870"], 5, [1])])
case("感染対策向上加算１ 710 with 指導強化加算 30 and 抗菌薬適正使用体制加算 5, which the master links to 加算２・３ only", "A234-2 注2・注5",
     A100 + "; " + A2342,
     claim({"date": "2024-07-01", "discharge": "2024-07-03", "ward": {"basic_fee": B}}, std(3525, 3025, 3838, 4056)),
     [L([B, P14], 2138, days(1, 3)), L(["190147210"], 710, [1]), L(["190243770"], 30, [1]), L(["190833870"], 5, [1])])
case("感染対策向上加算３ (75) and its 連携強化加算 (30) again on day 91 (2024-08-30) of a stay from 2024-06-01", "A234-2 3 / 注1",
     A100 + "; " + A2342 + "; " + T + " 2878-2887 (A234-2 (1): ３は入院初日及び入院期間が90日を超えるごとに１回, 91日目、181日目等)",
     claim({"date": "2024-06-01", "month": "2024-08", "ward": {"basic_fee": B}}, std(3525, 3837, 3866, since="2024-04-01")),
     [L([B], 1688, days(1, 31)), L(["190243810"], 75, [30]), L(["190243970"], 30, [30])])
case("感染対策向上加算３ not on the first day of a 再入院 that continues the 入院期間: its 入院初日 is the 起算日, and it counts on over the 通算した入院期間", "A234-2 3 / 通則5, 通則8",
     A100 + "; " + A2342 + "; " + T + " 1006-1007 (第2部 通則8: 入院初日…とは…起算日のことをいい、入院期間が通算される再入院の初日は算定できない), 2882-2887 (加算１・２は入院期間が通算される再入院の場合は算定できず, 加算３は通算した入院期間から算出し算定)",
     claim({"date": "2024-06-10", "reckoning_date": "2024-05-25", "discharge": "2024-06-12", "ward": {"basic_fee": B}}, std(3525, 3837)),
     [L([B, P30], 1880, days(10, 12))])
A2002 = K + " 1626-1651 (A200-2 1 急性期充実体制加算１ イ ７日以内 440点, ロ 200点, ハ 120点; 注2 小児・周産期・精神科充実体制加算 「算定する急性期充実体制加算の区分に応じ」 イ 加算１の場合 90点; 注3 「注２に該当しない場合であって」 精神科充実体制加算 30点)"
case("小児・周産期・精神科充実体制加算 (加算１の場合, 90) follows 急性期充実体制加算１ each day; 精神科充実体制加算 is not billed with it", "A200-2 注2・注3",
     A100 + "; " + A2002,
     claim({"date": "2025-07-01", "discharge": "2025-07-15", "ward": {"basic_fee": B}}, std(3525, 3819, 4052, 3830, since="2025-06-01")),
     [L([B, P14], 2138, days(1, 14)), L([B, P30], 1880, [15]), L(["190242710"], 440, days(1, 7)), L(["190831770"], 90, days(1, 14)),
      L(["190242810"], 200, days(8, 11)), L(["190242910"], 120, days(12, 14))])
case("精神科充実体制加算 (30) follows 急性期充実体制加算１ when 注2 is not notified", "A200-2 注3",
     A100 + "; " + A2002,
     claim({"date": "2025-07-01", "discharge": "2025-07-03", "ward": {"basic_fee": B}}, std(3525, 3819, 3830, since="2025-06-01")),
     [L([B, P14], 2138, days(1, 3)), L(["190242710"], 440, days(1, 3)), L(["190243010"], 30, days(1, 3))])
A108 = K + " 1389-1393 (A108 1 有床診療所入院基本料１ イ 14日以内 932点, ロ 15日以上30日以内 724点), 1432-1435 (注4 夜間緊急体制確保加算 15点 １日につき), 1436-1441 (注5 イ 医師配置加算１ 120点 １日につき), 1442-1451 (注6 イ 看護配置加算１ 60点, ハ 夜間看護配置加算１ 105点 １日につき), 1503-1506 (注11 在宅復帰機能強化加算 20点, 入院日から起算して15日以降)"
case("有床診療所入院基本料１ carries the 医師配置加算１ 120, 看護配置加算１ 60 and 夜間看護配置加算１ 105 the clinic notified, each day", "A108 注5・注6",
     A108,
     claim({"date": "2024-11-05", "discharge": "2024-11-24", "ward": {"basic_fee": "190169610"}}, std(3259, 3411, 3413, 3415, since="2024-04-01"), kind="clinic"),
     [L(["190169610"], 932, days(5, 18)), L(["190169710"], 724, days(19, 24)),
      L(["190135570"], 120, days(5, 24)), L(["190109670"], 60, days(5, 24)), L(["190126770"], 105, days(5, 24))])
case("有床診療所 加算 are not billed on an 外泊 day (15% of 932 = 139.8 → 140)", "A108 注4 / 通知 第2部 通則6",
     A108 + "; " + T + " 948-956 (通則6(1): 外泊期間中は入院基本料の基本点数の15％)",
     claim({"date": "2024-11-05", "discharge": "2024-11-08", "ward": {"basic_fee": "190169610"}, "leave": [{"date": "2024-11-06"}]},
           std(3259, 3410, since="2024-04-01"), kind="clinic"),
     [L(["190169610"], 932, [5, 7, 8]), L(["190169610", "190107290"], 140, [6]), L(["190126470"], 15, [5, 7, 8])])
case("有床診療所在宅復帰機能強化加算 20 from day 15 counted from the 入院日", "A108 注11",
     A108,
     claim({"date": "2024-11-01", "discharge": "2024-11-16", "ward": {"basic_fee": "190169610"}}, std(3259, 3445, since="2024-04-01"), kind="clinic"),
     [L(["190169610"], 932, days(1, 14)), L(["190169710"], 724, [15, 16]), L(["190190270"], 20, [15, 16])])
A205 = K + " 1680-1696 (A205 1 救急医療管理加算１ 1,050点, 入院した日から起算して７日を限度; 注2 ６歳未満 乳幼児加算 400点; 注3 ６歳以上15歳未満 小児加算 200点)"
case("a stated 救急医療管理加算１ for a 3-year-old carries the 乳幼児加算 400 on the same 7 days (and A208 幼児加算 283 each day)", "A205 注2 / A208",
     A100 + "; " + A205 + "; " + K + " 1822-1823 (A208 2 イ 幼児加算 283点), 1826-1835 (注)",
     claim({"date": "2024-07-01", "discharge": "2024-07-09", "ward": {"basic_fee": B},
            "additions": [{"code": "190171910", "days": ["2024-07-0%d" % i for i in range(1, 8)]}]}, std(3525, 3659), birth="2021-03-01"),
     [L([B, P14], 2138, days(1, 9)), L(["190171910"], 1050, days(1, 7)), L(["190100170"], 400, days(1, 7)), L(["190100770"], 283, days(1, 9))])
case("a 10-year-old: 救急医療管理加算１ with the 小児加算 200", "A205 注3",
     A100 + "; " + A205,
     claim({"date": "2024-07-01", "discharge": "2024-07-02", "ward": {"basic_fee": B},
            "additions": [{"code": "190171910"}]}, std(3525, 3659), birth="2014-03-01"),
     [L([B, P14], 2138, [1, 2]), L(["190171910"], 1050, [1, 2]), L(["190145370"], 200, [1, 2])])
J000 = K + " 12416-12418 (J000 創傷処置 １ 100平方センチメートル未満 52点; 注1 入院中の患者以外の患者及び手術後の患者（入院中の患者に限る。）についてのみ算定する。ただし…手術日から起算して14日を限度)"
case("入院中 創傷処置１ (100cm²未満) without an operation is not billed (a note)", "J000 注1",
     A100 + "; " + J000,
     claim({"date": "2024-07-08", "discharge": "2024-07-12", "ward": {"basic_fee": B}}, std(3525),
           encounters=[{"date": "2024-07-10", "orders": [{"category": 40, "items": [{"code": "140000610"}]}]}]),
     [L([B, P14], 2138, days(8, 12))], notes=["J000 注1"])
case("入院中 創傷処置１ within 14 days of an operation (K000 4 創傷処理 530 on 7/9) is billed, 52", "J000 注1",
     A100 + "; " + J000 + "; " + K + " 13340-13347 (K000 創傷処理 ４ 筋肉、臓器に達しないもの（長径５センチメートル未満） 530点)",
     claim({"date": "2024-07-08", "discharge": "2024-07-12", "ward": {"basic_fee": B}}, std(3525),
           encounters=[{"date": "2024-07-09", "orders": [{"category": 50, "items": [{"code": "150001010"}]}]},
                       {"date": "2024-07-11", "orders": [{"category": 40, "items": [{"code": "140000610"}]}]}]),
     [L([B, P14], 2138, days(8, 12))], orders_points=530 + 52)
case("a stay from the month before: an operation then is not in the claim, so 創傷処置１ is billed with a note to check", "J000 注1",
     A100 + "; " + J000,
     claim({"date": "2024-06-28", "discharge": "2024-07-03", "ward": {"basic_fee": B}}, std(3525, since="2024-04-01"),
           encounters=[{"date": "2024-07-02", "orders": [{"category": 40, "items": [{"code": "140000610"}]}]}]),
     [L([B, P14], 2138, days(1, 3))], orders_points=52, notes=["check"])
case("a 入院外 only 点滴 row (130009310) on an 入院 claim is an issue, and the drug of its order is still billed", "入外適用区分 / G100",
     A100 + "; R06rec1 項番13 入外適用区分 2; " + K + " G004 3 その他の場合（入院中の患者以外の患者に限る。）; G100 薬剤 (薬価 15円以下 1点)",
     claim({"date": "2024-07-08", "discharge": "2024-07-12", "ward": {"basic_fee": B}}, std(3525),
           encounters=[{"date": "2024-07-10", "orders": [{"category": 33, "items": [{"code": "130009310"}, {"code": "620007343", "quantity": 1}]}]}]),
     [L([B, P14], 2138, days(8, 12))], orders_points=17, issues=["入外適用区分 2"])
K12 = K + " 13270-13290 (第10部 通則12 ロ (1) 休日加算２ 100分の80, (2) 時間外加算２（入院中の患者以外の患者に対して行われる場合に限る。） 100分の40, (3) 深夜加算２ 100分の80), 13340-13347 (K000 4 創傷処理 530点)"
case("an 入院 operation out of hours takes no 時間外加算２ (入院中の患者以外 only): 530", "K 通則12 ロ(2)",
     A100 + "; " + K12,
     claim({"date": "2024-07-08", "discharge": "2024-07-10", "ward": {"basic_fee": B}}, std(3525),
           encounters=[{"date": "2024-07-09", "time_band": "overtime", "orders": [{"category": 50, "items": [{"code": "150001010"}]}]}]),
     [L([B, P14], 2138, days(8, 10))], orders_points=530, notes=["入院中の患者以外"])
case("an 入院 operation at night takes the 深夜加算２ 80%: 530 + 424 = 954", "K 通則12 ロ(3)",
     A100 + "; " + K12,
     claim({"date": "2024-07-08", "discharge": "2024-07-10", "ward": {"basic_fee": B}}, std(3525),
           encounters=[{"date": "2024-07-09", "time_band": "night", "orders": [{"category": 50, "items": [{"code": "150001010"}]}]}]),
     [L([B, P14], 2138, days(8, 10))], orders_points=954)
case("an 入院 operation with 自動縫合器 ×5: 腹腔鏡下結腸悪性腫瘍切除術 allows 4個 (通知 K936 (3)), 59,510 + 2,500 × 4 = 69,510", "K936 (3)",
     A100 + "; " + T + " 26590-26596 (通知 K936 (3): 「Ｋ７１９」から「Ｋ７１９－３」まで … ４個を限度として当該加算点数に使用個数を乗じて得た点数を加算する); "
     + K + " 16070 (K719-3 腹腔鏡下結腸悪性腫瘍切除術 59,510点), 16956 (K936 自動縫合器加算 2,500点)",
     claim({"date": "2024-07-08", "discharge": "2024-07-12", "ward": {"basic_fee": B}}, std(3525),
           encounters=[{"date": "2024-07-09", "orders": [{"category": 50, "items": [{"code": "150324910"}, {"code": "150339210", "quantity": 5}]}]}]),
     # 5 × 2,138; the operation 59,510 + 2,500 × 4 (5 stated, ４個を限度).
     [L([B, P14], 2138, days(8, 12))], orders_points=59510 + 2500 * 4, notes=["通知 K936 (3) allows 4個 with 150324910 (K719-3)"])
case("救命救急入院料１ over ten days is 10,268 (days 1–3), 9,292 (days 4–7) and 7,934 points (days 8–10)", "A300 1",
     A300,
     claim({"date": "2024-06-03", "discharge": "2024-06-12", "ward": {"basic_fee": E1}}, std(777)),
     [L([E1], 10268, days(3, 5)), L([E2], 9292, days(6, 9)), L([E3], 7934, days(10, 12))])
case("救命救急入院料１ stops at its 14日 limit: days 15 and 16 are an issue, not a price", "A300 注1",
     A300,
     claim({"date": "2024-06-01", "discharge": "2024-06-16", "ward": {"basic_fee": E1}}, std(777)),
     [L([E1], 10268, days(1, 3)), L([E2], 9292, days(4, 7)), L([E3], 7934, days(8, 14))], issues=["allows it no further"])
case("a 再入院 whose 起算日 is earlier still starts 救命救急入院料１ at ３日以内 on the 入院日", "A300 / 通知 第3節 1",
     A300 + "; " + T + " 3946-3952 (第3節 1: 当該治療室に入院させた連続する期間)",
     claim({"date": "2024-06-10", "reckoning_date": "2024-05-20", "discharge": "2024-06-13", "ward": {"basic_fee": E1}}, std(777)),
     [L([E1], 10268, days(10, 12)), L([E2], 9292, [13])])
case("without its 施設基準 (777) 救命救急入院料１ is an issue, not a price", "A300 注1",
     A300 + " (注1: 届け出た保険医療機関において)",
     claim({"date": "2024-06-03", "discharge": "2024-06-04", "ward": {"basic_fee": E1}}, std(3525)),
     [], issues=["does not hold"])
case("外泊 in 救命救急入院料１ is 15% of the 特定入院料: 9,292 × 15% = 1,393.8 → 1,394", "A300 / 通知 第2部 通則6",
     A300 + "; " + T + " 948-956 (通則6(1): 外泊期間中は…特定入院料の15％, 四捨五入; 外泊期間は入院期間に算入)",
     claim({"date": "2024-06-03", "discharge": "2024-06-08", "ward": {"basic_fee": E1}, "leave": [{"date": "2024-06-07"}]}, std(777)),
     [L([E1], 10268, days(3, 5)), L([E2], 9292, [6, 8]), L([E2, "190107490"], 1394, [7])])
case("特定集中治療室管理料１ is 14,406 points for days 1–7 and 12,828 from day 8", "A301 1",
     K + " 2749-2751 (A301 1 イ ７日以内の期間 14,406点, ロ ８日以上の期間 12,828点), 2780-2789 (注1: 14日を限度)",
     claim({"date": "2024-06-03", "discharge": "2024-06-12", "ward": {"basic_fee": "190174410"}}, std(3300)),
     [L(["190174410"], 14406, days(3, 9)), L(["190174510"], 12828, days(10, 12))])
case("回復期リハビリテーション病棟入院料１ has no period rows: 2,229 points every day", "A308 1",
     K + " 3672-3673 (A308 1 回復期リハビリテーション病棟入院料１ 2,229点, １日につき)",
     claim({"date": "2024-06-03", "discharge": "2024-06-07", "ward": {"basic_fee": "190207910"}}, std(3564)),
     [L(["190207910"], 2229, days(3, 7))])
case("緩和ケア病棟入院料１ falls from 5,135 to 4,582 points on day 31 (入院 2024-05-20, June)", "A310 1",
     K + " 3962-3965 (A310 1 イ 30日以内の期間 5,135点, ロ 31日以上60日以内の期間 4,582点, ハ 61日以上の期間 3,373点)",
     claim({"date": "2024-05-20", "month": "2024-06", "ward": {"basic_fee": "190028910"}}, std(3747, since="2024-05-01")),
     [L(["190028910"], 5135, days(1, 18)), L(["190150510"], 4582, days(19, 30))])
# A311-2 ハ rows carry 施設基準 118 only (the イ・ロ rows 118 and ⑦ 6 精神病棟, which the facility holds): the row of day 61 is still found.
case("精神科急性期治療病棟入院料１ falls from 1,719 to 1,518 points on day 61 (入院 2024-05-01, June 30)", "A311-2 1",
     K + " 4038-4042 (A311-2 1 イ 30日以内の期間 2,020点, ロ 31日以上60日以内の期間 1,719点, ハ 61日以上90日以内の期間 1,518点)",
     claim({"date": "2024-05-01", "month": "2024-06", "ward": {"basic_fee": "190121110"}}, std(118, 6, since="2024-05-01")),
     [L(["190066910"], 1719, days(1, 29)), L(["190264910"], 1518, [30])])
# A308-3 1: 入院 2024-05-01 → June 1 is day 32, June 9 day 40, June 10 day 41, June 29 day 60, June 30 day 61 (past 60).
case("地域包括ケア病棟入院料１ is 2,838 points to day 40, 2,690 from day 41, and stops after day 60", "A308-3 1 / 注1",
     K + " 3731-3734 (A308-3 1 イ 40日以内の期間 2,838点, ロ 41日以上の期間 2,690点), 3772-3779 (注1: 当該病棟又は病室に入院した日から起算して60日を限度)",
     claim({"date": "2024-05-01", "month": "2024-06", "ward": {"basic_fee": "190838910"}}, std(3567, since="2024-05-01")),
     [L(["190838910"], 2838, days(1, 9)), L(["190839110"], 2690, days(10, 29))], issues=["allows it no further"])
case("救命救急入院料４ 広範囲熱傷特定集中治療管理料 runs 11,847 / 10,731 / 9,413 and from day 15 8,356 points (60日 limit)", "A300 4 ロ",
     K + " 2653-2663 (A300 4 ロ 広範囲熱傷特定集中治療管理料 （１）３日以内 11,847点, （２）４日以上７日以内 10,731点, （３）８日以上14日以内 9,413点, （４）15日以上60日以内 8,356点), 2664-2672 (注1: 60日を限度)",
     claim({"date": "2024-06-01", "discharge": "2024-06-16", "ward": {"basic_fee": "190139010"}}, std(780)),
     [L(["190139010"], 11847, days(1, 3)), L(["190139110"], 10731, days(4, 7)), L(["190139210"], 9413, days(8, 14)), L(["190139310"], 8356, [15, 16])])
# 入院基本料等加算 with a 特定入院料: the 04 group of 救命救急入院料１ (01 入院基本料識別 039 for ３日以内, 040 after)
# lists 医療安全対策加算１ (A234, 入院初日, 85点; A300 注7 ロ leaves it outside the 包括) but not 診療録管理体制加算１
# (A207, included: not in the 注7 ロ list), so with both 施設基準 held (3291, 4490) only 85 on day 1.
case("with 救命救急入院料１ the 04 group gives 医療安全対策加算１ (85, 入院初日) but not 診療録管理体制加算 (included)", "A300 注7 ロ / A234 / A207",
     A300 + ", 2702-2713 (注7 ロ 入院基本料等加算（…医療安全対策加算…を除く。）は含まれる); " + K + " 2209-2210 (A234 医療安全対策加算１ 85点, 入院初日); tensuhyo_01 §5(4) 04入院基本料テーブル",
     claim({"date": "2024-06-03", "discharge": "2024-06-04", "ward": {"basic_fee": E1}}, std(777, 3291, 4490)),
     [L([E1], 10268, [3, 4]), L(["190120510"], 85, [3])])
case("a stated 救急体制充実加算１ of 救命救急入院料１ (its own 注3 加算, in no 04 group) is 1,500 points each day", "A300 注3",
     A300 + ", 2683-2688 (注3: 届け出た保険医療機関において…１日につき イ 救急体制充実加算１ 1,500点)",
     claim({"date": "2024-06-03", "discharge": "2024-06-05", "ward": {"basic_fee": E1}, "additions": [{"code": "190217270"}]}, std(777, 3656)),
     [L([E1], 10268, days(3, 5)), L(["190217270"], 1500, days(3, 5))])
case("without its 施設基準 (3656) a stated 救急体制充実加算１ is an issue, the 救命救急入院料１ is billed", "A300 注3",
     A300 + ", 2683-2688 (注3: 別に厚生労働大臣が定める施設基準に適合しているものとして…届け出た)",
     claim({"date": "2024-06-03", "discharge": "2024-06-04", "ward": {"basic_fee": E1}, "additions": [{"code": "190217270"}]}, std(777)),
     [L([E1], 10268, [3, 4])], issues=["does not hold its 施設基準"])
# 包括 (A300 注7 ハ 検査 (検体検査判断料を除く), ニ 点滴注射, ヘ 酸素吸入) on the fixture 02 group A300001 (the group the
# official 01 row of 190024510 names, 包括単位 1 1日につき). Orders on 6/4 (day 2): 末梢血液一般検査 160008010 (D005 5,
# 21点), 点滴注射 130003810 (G004 1, 102点) with 生理食塩液 1.3L 620000237 (279.00円 → 27.9 → 28点, 五捨五超入),
# 創傷処置（100cm2以上500cm2未満） 140000710 (J000 2, 60点; J000 1 would need an operation within 14 days, 注1).
# Included: 160008010 and 130003810 (removed); billed: the drug 28, 創傷処置 60, and the derived 血液学的検査判断料 160061810 125 (D026 3; 注7 ハ leaves it outside).
icu_orders = [{"date": "2024-06-04", "orders": [
    {"category": 60, "items": [{"code": "160008010"}]},
    {"category": 33, "items": [{"code": "130003810"}, {"code": "620000237", "quantity": 1}]},
    {"category": 40, "items": [{"code": "140000710"}]}]}]
A300_7 = A300 + ", 2701-2719 (注7: ハ 第２章第３部の各区分の検査（検体検査判断料を除く。）, ニ 点滴注射, ヘ 酸素吸入 は救命救急入院料に含まれる)"
case("tests and 点滴注射 on a 救命救急入院料１ day are included (02 group A300001) and removed; the drug, 創傷処置 and 判断料 are billed",
     "A300 注7", A300_7 + "; tensuhyo_01 §3(2) 02包括テーブル (fixture rows)",
     claim({"date": "2024-06-03", "discharge": "2024-06-05", "ward": {"basic_fee": E1}}, std(777), encounters=icu_orders),
     [L([E1], 10268, days(3, 5))], orders_points=28 + 60 + 125,
     included=[{"code": "160008010", "day": 4, "removed": True}, {"code": "130003810", "day": 4, "removed": True}],
     notes=["included in 190024510"], masters="fixture-02")
case("the same 救命救急 stay without the 02包括テーブル: the 告示's own list decides — the 検査 and the 点滴注射 are included, the 処置, the drug and the 検体検査判断料 billed", "A300 注7",
     A300_7 + "; ../shared/masters lacks 02包括テーブル.csv: Masters/params/inpatient/specified-fee-inclusions.json (review 148 c22)",
     claim({"date": "2024-06-03", "discharge": "2024-06-05", "ward": {"basic_fee": E1}}, std(777), encounters=icu_orders),
     [L([E1], 10268, days(3, 5))], orders_points=28 + 60 + 125,
     included=[{"code": "160008010", "day": 4, "removed": True}, {"code": "130003810", "day": 4, "removed": True}],
     notes=["by its 告示's list"])

# 特定入院料's own 注加算 derived from the facility's 施設基準 (addition-add-ons.json of_basic_fee).
case("地域包括医療病棟入院料 carries its 初期加算 and the 看護補助体制加算, 夜間看護補助体制加算 and 看護職員夜間配置加算 the ward notified, each 14日を限度 (夜間 only with 看護補助体制加算)",
     "A304 注2・注5・注6・注9",
     K + " 3103 (A304 地域包括医療病棟入院料 3,050点), 3109-3110 (注2 初期加算 150点, 入院した日から起算して14日を限度), 3448-3456 (注5 ハ 50対１看護補助体制加算 200点, 14日を限度), 3457-3464 (注6 ハ 夜間100対１看護補助体制加算 105点, 看護補助体制加算を算定する患者に限る, １日につき), 3478-3489 (注9 ロ(2) 看護職員夜間16対１配置加算２ 45点, 14日を限度)",
     claim({"date": "2024-07-01", "discharge": "2024-07-16", "ward": {"basic_fee": "190836110"}}, std(4065, 4068, 4072, 4080)),
     [L(["190836110"], 3050, days(1, 16)), L(["190836270"], 150, days(1, 14)), L(["190836670"], 200, days(1, 14)),
      L(["190837070"], 105, days(1, 14)), L(["190837870"], 45, days(1, 14))])
case("特定集中治療室管理料３ for a 10-year-old: 小児加算 2,000 then 1,500, and 重症患者対応体制強化加算 750, 500, 300 by the day of the stay",
     "A301 注2・注6",
     K + " 2748-2760 (A301 3 イ ７日以内の期間 9,890点, ロ ８日以上の期間 8,307点), 2790-2795 (注2 小児加算: 15歳未満の重篤な患者, イ ７日以内 2,000点, ロ ８日以上14日以内 1,500点), 2832-2837 (注6 重症患者対応体制強化加算 イ ３日以内 750点, ロ ４日以上７日以内 500点, ハ ８日以上14日以内 300点)",
     claim({"date": "2024-07-01", "discharge": "2024-07-10", "ward": {"basic_fee": "190116310"}}, std(3302, 787, 3845), birth="2014-03-01"),
     [L(["190116310"], 9890, days(1, 7)), L(["190116410"], 8307, days(8, 10)),
      L(["190140270"], 2000, days(1, 7)), L(["190140370"], 1500, days(8, 10)),
      L(["190247670"], 750, days(1, 3)), L(["190247570"], 500, days(4, 7)), L(["190247470"], 300, days(8, 10))])
case("an adult in 特定集中治療室管理料３ gets no 小児加算 (15歳未満 only)", "A301 注2",
     K + " 2790-2795 (注2 小児加算: 15歳未満の重篤な患者)",
     claim({"date": "2024-07-01", "discharge": "2024-07-02", "ward": {"basic_fee": "190116310"}}, std(3302, 787)),
     [L(["190116310"], 9890, days(1, 2))])
case("a 地域包括ケア病棟 that notified both 看護補助者配置加算 and 看護補助体制充実加算１ bills the 充実加算 (注4: 注５の充実加算は別に算定できない)",
     "A308-3 注4・注5",
     K + " 3730- (A308-3 1 イ 地域包括ケア病棟入院料１ 40日以内の期間 2,838点), 3817-3820 (注4 看護補助者配置加算 160点; 注５に規定する看護補助体制充実加算は別に算定できない), 3821-3828 (注5 イ 看護補助体制充実加算１ 190点, １日につき)",
     claim({"date": "2024-07-01", "discharge": "2024-07-05", "ward": {"basic_fee": "190838910"}}, std(3567, 3321, 4087)),
     [L(["190838910"], 2838, days(1, 5)), L(["190858170"], 190, days(1, 5))])
case("障害者施設等10対１ with 看護補助加算 and 看護補助体制充実加算１ notified bills the 充実加算 (注9: 注10の充実加算は別に算定できない), 176 points within 14 days",
     "A106 注9・注10",
     K + " 1228- (A106 10対１入院基本料 1,375点), 注3 入院期間加算 14日以内 312点, 1327-1334 (注9 看護補助加算 イ 14日以内 146点; 注10に規定する看護補助体制充実加算は別に算定できない), 1335-1350 (注10 イ(1) 看護補助体制充実加算１ 14日以内 176点)",
     claim({"date": "2024-07-01", "discharge": "2024-07-03", "ward": {"basic_fee": "190093710"}}, std(3252, 3551, 4048)),
     [L(["190093710", "190095770"], 1687, days(1, 3)), L(["190830070"], 176, days(1, 3))])
# A244 病棟薬剤業務実施加算１: 週１回 (05 算定単位 週), the week 日曜日–土曜日.
case("病棟薬剤業務実施加算１ (120 points, 週１回) falls on the first day in hospital of each 日曜日–土曜日 week",
     "A244 注1",
     A100 + "; " + K + " 病棟薬剤業務実施加算 (A244 １ 週１回 120点, 注1 …に入院している患者について…週１回に限り); 05算定回数テーブル 190192110 週 1",
     claim({"date": "2024-07-03", "discharge": "2024-07-16", "ward": {"basic_fee": B}}, std(3525, 3033)),
     [L([B, P14], 2138, days(3, 16)), L(["190192110"], 120, [3, 7, 14])], notes=["first day"])
case("in a 療養病棟 病棟薬剤業務実施加算１ stops after the 8th week of the stay (day 56); the week of 07-28 was billed in July",
     "A244 注1",
     K + " 病棟薬剤業務実施加算 (A244 注1: 週１回; 療養病棟入院基本料…を算定している患者については、入院した日から起算して８週間を限度); A101 療養病棟入院料１ 入院料１ 1,964点 (190817610); 入院 2024-06-10: 08-04 (日) is day 56",
     claim({"date": "2024-06-10", "discharge": "2024-08-10", "month": "2024-08", "ward": {"basic_fee": "190817610"}}, std(3405, 3033)),
     [L(["190817610"], 1964, days(1, 10)), L(["190192110"], 120, [4])])
case("栄養サポートチーム加算 stated on two days of one week is billed on the first only (週１回)", "A233-2 注1",
     A100 + "; " + K + " 栄養サポートチーム加算 (A233-2 注1 週１回に限り 200点); " + T + " 通則 (週は日曜日から土曜日まで)",
     claim({"date": "2024-07-01", "discharge": "2024-07-10", "ward": {"basic_fee": B},
            "additions": [{"code": "190136810", "days": ["2024-07-02", "2024-07-05", "2024-07-08"]}]}, std(3525, 764)),
     [L([B, P14], 2138, days(1, 10)), L(["190136810"], 200, [2, 8])], notes=["a week"])
# 食堂加算: 告示99号 別表 一 注4 「当該患者（療養病棟に入院する患者を除く。）」.
case("a patient of a 療養病棟 gets no 食堂加算; 食事療養(Ⅰ) 670円 a meal is billed", "食事療養 注4 / A101",
     meals_src + "; 注4 食堂加算 「当該患者（療養病棟に入院する患者を除く。）について」; " + K + " A101 療養病棟入院料１ 入院料１ 1,964点 (190817610)",
     claim({"date": "2024-07-01", "discharge": "2024-07-02", "ward": {"basic_fee": "190817610"},
            "meals": [{"date": "2024-07-01", "served": ["lunch", "dinner"], "dining_room": True},
                      {"date": "2024-07-02", "served": ["breakfast"], "dining_room": True}]}, std(3405, 642)),
     [L(["190817610"], 1964, days(1, 2))], meals=[M("197000110", 670, 3, [1, 2])], notes=["療養病棟"])
# 入院時生活療養 (告示99号 別表 二): a patient whose ward's 入院料 is the （生活療養） row (A101 1 イ 「生活療養を受ける
# 場合にあっては、1,949点」). 生活療養(Ⅰ) (1) 食事の提供たる療養 584円/食, (2) 環境療養 398円/日; (Ⅱ) 450円/食, 398円/日;
# 特別食加算 76円/食 with (Ⅰ) only; 生活療養標準負担額 一般 (Ⅰ) 490 / (Ⅱ) 450 円/食, 低所得Ⅱ 230 円/食, 居住費 370 円/日
# (s_ALL20240531 197001310 … 197002310; 健康保険法第85条の２).
living_src = "入院時生活療養 (平成18年告示第99号 別表 二: (Ⅰ) 食事 584円/食, 環境療養 398円/日; (Ⅱ) 450円/食, 398円/日; 特別食加算 76円/食) from 2024-06-01 (s_ALL20240531); " + K + " 596-599 (A101 1 イ 入院料１ 1,964点, 生活療養を受ける場合にあっては 1,949点); 生活療養標準負担額 (健康保険法第85条の２): 一般 490/450円/食, 低所得Ⅱ 230円/食, 居住費 370円/日"
LV = "190817710"
case("an 80-year-old on the 生活療養 row of 療養病棟入院料１ (1,949) gets 生活療養(Ⅰ): 584 a meal, 特別食 76, 環境療養 398 a day, no 食堂加算; pays 1割 and 490 a meal + 370 a day",
     "生活療養 (Ⅰ) / A101", living_src + "; 食堂加算 注4 (療養病棟に入院する患者を除く); 後期高齢者 1割, 10円未満四捨五入",
     claim({"date": "2024-07-01", "discharge": "2024-07-02", "ward": {"basic_fee": LV},
            "meals": [{"date": "2024-07-01", "served": ["lunch", "dinner"], "special": ["dinner"], "dining_room": True},
                      {"date": "2024-07-02", "served": ["breakfast"], "dining_room": True}]}, std(3405, 642), birth="1944-05-05",
           insurance={"income_class": "一般", "meal_class": "一般"}),
     [L([LV], 1949, days(1, 2))], meals=[M("197001310", 584, 3, [1, 2]), M("197001570", 76, 1, [1]), M("197001410", 398, 2, [1, 2])],
     notes=["療養病棟"], copay={"copay_yen": 3900, "meal_yen": 3 * 490 + 2 * 370, "yen_total": 38980})
case("生活療養 on a 外泊 day: no 環境療養 and the 外泊 rate 1,949 × 15% = 292; 低所得Ⅱ pays 230 a meal and 370 a day in hospital",
     "生活療養 / 通知 第2部 通則6", living_src + "; " + T + " 948-956 (通則6(1): 外泊期間中は入院基本料の基本点数の15％)",
     claim({"date": "2024-07-01", "discharge": "2024-07-03", "ward": {"basic_fee": LV}, "leave": [{"date": "2024-07-02"}],
            "meals": [{"date": "2024-07-01", "served": ["breakfast", "lunch", "dinner"]}, {"date": "2024-07-03", "served": ["breakfast"]}]},
           std(3405, 642), birth="1944-05-05", insurance={"income_class": "低所得Ⅱ", "meal_class": "低所得Ⅱ"}),
     [L([LV], 1949, [1, 3]), L([LV, "190107290"], 292, [2])], meals=[M("197001310", 584, 4, [1, 3]), M("197001410", 398, 2, [1, 3])],
     copay={"copay_yen": 4190, "meal_yen": 4 * 230 + 2 * 370, "yen_total": 41900})
case("without the 施設基準 of (Ⅰ) 生活療養 is (Ⅱ): 450 a meal, 398 a day, no 特別食加算; 一般 pays 450 a meal + 370 a day",
     "生活療養 (Ⅱ)", living_src,
     claim({"date": "2024-07-01", "discharge": "2024-07-02", "ward": {"basic_fee": LV},
            "meals": [{"date": "2024-07-01", "served": ["lunch", "dinner"], "special": ["dinner"]}]}, std(3405), birth="1944-05-05",
           insurance={"income_class": "一般", "meal_class": "一般"}),
     [L([LV], 1949, days(1, 2))], meals=[M("197001710", 450, 2, [1]), M("197001810", 398, 2, [1, 2])], notes=["特別食加算"],
     copay={"copay_yen": 3900, "meal_yen": 2 * 450 + 2 * 370, "yen_total": 38980})
# 医療区分２・３ (医療の必要性の高い者): 生活療養標準負担額 食費 = 食事療養標準負担額 of the 区分 (s_ALL20240531 197003010
# 生活療養食事療養標準負担額（医療区分２・３）（低１） 110円 vs 197002310 （低１） 140円; 197002910 （医療区分２・３）（低２・９０日超） 180円);
# the R06 A101 入院料１–２４ are 医療区分２・３ (疾患・状態 or 処置等 ２・３), 入院料２５–２７ 医療区分１.
high_src = living_src + "; 生活療養標準負担額 of 医療区分２・３ (s_ALL20240531 197003010 （医療区分２・３）（低１） 110円, 197002310 （低１） 140円, 197002910 （医療区分２・３）（低２・９０日超） 180円, 197003810 生活・環境負担額（医療区分２・３） 370円); A101 入院料１–２４ 医療区分２・３, ２５–２７ 医療区分１ (基本診療料の施設基準等 第五の三: 疾患・状態 × 処置等 × ADL)"
two_days = [{"date": "2024-07-01", "served": ["lunch", "dinner"]}, {"date": "2024-07-02", "served": ["breakfast"]}]
case("a 低所得Ⅰ patient on 療養病棟入院料１ 入院料１（生活療養） is 医療区分３: 110 a meal (not 140) and 370 a day",
     "生活療養 / 医療区分２・３", high_src,
     claim({"date": "2024-07-01", "discharge": "2024-07-02", "ward": {"basic_fee": LV}, "meals": two_days}, std(3405, 642), birth="1944-05-05",
           insurance={"income_class": "低所得Ⅰ", "meal_class": "低所得Ⅰ"}),
     [L([LV], 1949, days(1, 2))], meals=[M("197001310", 584, 3, [1, 2]), M("197001410", 398, 2, [1, 2])],
     copay={"copay_yen": 3900, "meal_yen": 3 * 110 + 2 * 370, "yen_total": 38980})
case("a 低所得Ⅰ patient on 入院料２５（生活療養） is 医療区分１: 140 a meal and 370 a day",
     "生活療養 / 医療区分１", high_src + "; A101 1 ヰ 入院料25 983点 (生活療養 968点, 190822510)",
     claim({"date": "2024-07-01", "discharge": "2024-07-02", "ward": {"basic_fee": "190822510"}, "meals": two_days}, std(3405, 642), birth="1944-05-05",
           insurance={"income_class": "低所得Ⅰ", "meal_class": "低所得Ⅰ"}),
     [L(["190822510"], 968, days(1, 2))], meals=[M("197001310", 584, 3, [1, 2]), M("197001410", 398, 2, [1, 2])],
     copay={"copay_yen": 1940, "meal_yen": 3 * 140 + 2 * 370, "yen_total": 19360})
case("a stated 医療区分２ overrides the row's 医療区分１ (with a note): 低所得Ⅱ 91日目以降 pays 180 a meal",
     "生活療養 / 医療区分２・３ (admission.medical_class)", high_src + "; A101 1 ヰ 入院料25 (生活療養 968点, 190822510)",
     claim({"date": "2024-07-01", "discharge": "2024-07-02", "ward": {"basic_fee": "190822510"}, "meals": two_days, "medical_class": 2},
           std(3405, 642), birth="1944-05-05", insurance={"income_class": "低所得Ⅱ", "meal_class": "低所得Ⅱ長期"}),
     [L(["190822510"], 968, days(1, 2))], meals=[M("197001310", 584, 3, [1, 2]), M("197001410", 398, 2, [1, 2])], notes=["medical_class"],
     copay={"copay_yen": 1940, "meal_yen": 3 * 180 + 2 * 370, "yen_total": 19360})
case("an 80-year-old stated on the 食事療養 row of a 療養病棟 is priced as stated, with a note that 生活療養 applies",
     "生活療養 / 健康保険法第63条第２項第２号", living_src + "; 特定長期入院被保険者: 療養病床, 65歳に達する日の属する月の翌月以後",
     claim({"date": "2024-07-01", "discharge": "2024-07-02", "ward": {"basic_fee": "190817610"},
            "meals": [{"date": "2024-07-01", "served": ["lunch", "dinner"]}]}, std(3405, 642), birth="1944-05-05"),
     [L(["190817610"], 1964, days(1, 2))], meals=[M("197000110", 670, 2, [1])], notes=["特定長期入院被保険者"])
# A101 注3: 療養病棟入院基本料を算定する患者に対して行った第３部検査、第５部投薬、第６部注射…の費用…は、当該入院基本料に含まれる.
case("in a 療養病棟 the day's 検査 (and its 判断料), 投薬 (調剤料, 薬剤料) and 注射 are included in 療養病棟入院料１: 1,964 a day only",
     "A101 注3", K + " 681-689 (A101 注3); " + T + " 1223-1230 (A101 (4): 投薬に係る薬剤料は療養病棟入院基本料に含まれている); A101 1 イ 入院料１ 1,964点 (190817610)",
     claim({"date": "2024-07-01", "discharge": "2024-07-02", "ward": {"basic_fee": "190817610"}}, std(3405),
           encounters=[{"date": "2024-07-01", "orders": [{"category": 60, "items": [{"code": "160008010"}]},
                                                          {"category": 21, "times": 1, "items": [{"code": "620002477", "quantity": 3}]},
                                                          {"category": 33, "items": [{"code": "130003810"}, {"code": "620007288", "quantity": 1}]}]}]),
     [L(["190817610"], 1964, days(1, 2))], notes=["included in A101"])
# B014: 05 算定単位 134 退院時.
case("退院時薬剤情報管理指導料 ordered before the 退院日 is not billed (退院の日に１回に限り)", "B014 注1",
     A100 + "; " + K + " B014 退院時薬剤情報管理指導料 注1 (退院の日に１回に限り 90点); 05算定回数テーブル 113701910 退院時",
     claim({"date": "2024-07-01", "discharge": "2024-07-05", "ward": {"basic_fee": B}}, std(3525),
           encounters=[{"date": "2024-07-03", "orders": [{"category": 13, "items": [{"code": "113701910"}]}]},
                       {"date": "2024-07-05", "orders": [{"category": 13, "items": [{"code": "113701910"}]}]}]),
     [L([B, P14], 2138, days(1, 5))], orders_points=90, issues=["退院時"])

# A104 注3 / A105 注2: the 入院期間加算 of 特定機能病院 and 専門病院 (admission-periods.json families).
case("特定機能病院一般病棟７対１ takes its 入院期間加算 712 on days 1–14 (A104 注3 イ(1)): 1,822 + 712", "A104 注3 イ",
     K + " 1000-1004 (A104 1 一般病棟の場合 イ ７対１入院基本料 1,822点), 1016-1019 (注3 イ (1) 14日以内の期間 712点)",
     claim({"date": "2024-07-01", "discharge": "2024-07-03", "ward": {"basic_fee": "190118610"}}, std(3236)),
     [L(["190118610", "190088970"], 2534, days(1, 3))])
case("a stated 入院期間加算 is not billed twice: 190088970 stated beside the derived one (with a note)", "A104 注3 イ",
     K + " 1016-1019 (A104 注3: 入院期間に応じ…１日につき所定点数に加算)",
     claim({"date": "2024-07-01", "discharge": "2024-07-03", "ward": {"basic_fee": "190118610"}, "additions": [{"code": "190088970"}]}, std(3236)),
     [L(["190118610", "190088970"], 2534, days(1, 3))], notes=["not billed again"])
case("特定機能病院結核病棟１０対１: 1,458 + 330 (A104 注3 ロ(1) 30日以内の期間)", "A104 注3 ロ",
     K + " 1005-1006 (A104 2 結核病棟の場合 ロ 10対１入院基本料 1,458点), 1020-1022 (注3 ロ (1) 30日以内の期間 330点)",
     claim({"date": "2024-09-01", "discharge": "2024-09-02", "ward": {"basic_fee": "190086410"}}, std(3240)),
     [L(["190086410", "190089570"], 1788, days(1, 2))])
case("専門病院１０対１: 1,421 + 512 on days 1–14, + 207 on days 15–16 (A105 注2)", "A105 注2",
     K + " 1125-1135 (A105 1 ７対１入院基本料…, 2 10対１入院基本料 1,421点), 1141-1143 (注2 イ 14日以内の期間 512点, ロ 15日以上30日以内の期間 207点)",
     claim({"date": "2024-07-01", "discharge": "2024-07-16", "ward": {"basic_fee": "190090210"}}, std(3249)),
     [L(["190090210", "190092270"], 1933, days(1, 14)), L(["190090210", "190092470"], 1628, days(15, 16))])
# A230: ward-wide, 1日につき, with the 施設基準 207 held (ward-additions.json sections).
case("精神病棟入院時医学管理加算 5 points a day in a 精神病棟１５対１ whose facility holds its 施設基準", "A230",
     K + " 896 (A103 4 15対１入院基本料 844点), 899-901 (注3 イ 14日以内 465点), 2102-2107 (A230 精神病棟入院時医学管理加算 １日につき ５点)",
     claim({"date": "2024-07-01", "discharge": "2024-07-02", "ward": {"basic_fee": "190083810"}}, std(3227, 207)),
     [L(["190083810", "190085210"], 1309, days(1, 2)), L(["190107170"], 5, days(1, 2))])
# A234-5: 退院時１回, only for a patient 「当該入院中に第４部画像診断又は第13部病理診断に掲げる診療料を算定したもの」.
AD_src = K + " 470 (A100 2 イ 地域一般入院料１ 1,176点), 490-492 (注3 イ 450点), 2265-2271 (A234-5 報告書管理体制加算 ７点, 退院時１回: 当該入院中に第４部画像診断又は第13部病理診断に掲げる診療料を算定したもの)"
case("報告書管理体制加算 is not derived for a stay with no 画像診断 or 病理診断 (with a note)", "A234-5", AD_src,
     claim({"date": "2025-05-12", "discharge": "2025-05-14", "ward": {"basic_fee": "190200210"}}, std(3531, 3840, since="2024-04-01")),
     [L(["190200210", P14], 1626, days(12, 14))], notes=["orders no 診療行為 of E/N"])
case("報告書管理体制加算 7 points on the 退院日 of a stay with a chest X-ray (E001 85 + E002 68)", "A234-5",
     AD_src + "; " + K + " E001 1 イ 単純撮影 写真診断 85点, E002 1 単純撮影 デジタル 68点",
     claim({"date": "2025-05-12", "discharge": "2025-05-14", "ward": {"basic_fee": "190200210"}}, std(3531, 3840, since="2024-04-01"),
           encounters=[{"date": "2025-05-13", "orders": [{"category": 70, "items": [{"code": "170000410"}, {"code": "170027910"}]}]}]),
     [L(["190200210", P14], 1626, days(12, 14)), L(["190244210"], 7, [14])], orders_points=85 + 68)

# A301 注3 (ハ 検査, ヘ 酸素吸入) on the fixture group A301001: 末梢血液一般検査 removed; 酸素吸入 (J024, 65点) sits in
# the group with 特例条件 1, so it is billed and listed for review (removed: false); 血液学的検査判断料 125 billed.
case("a 02 row with 特例条件 bills the item and lists it: 酸素吸入 in 特定集中治療室管理料１ (fixture group A301001)", "A301 注3",
     K + " 2749-2751 (A301 1 イ ７日以内の期間 14,406点), 2796-2815 (注3: ハ 検査（検体検査判断料を除く。）, ヘ 酸素吸入 は含まれる); tensuhyo_01 §5(2) 特例条件",
     claim({"date": "2024-06-03", "discharge": "2024-06-05", "ward": {"basic_fee": "190174410"}}, std(3300),
           encounters=[{"date": "2024-06-04", "orders": [{"category": 60, "items": [{"code": "160008010"}]},
                                                         {"category": 40, "items": [{"code": "140005610"}]}]}]),
     [L(["190174410"], 14406, days(3, 5))], orders_points=65 + 125,
     included=[{"code": "160008010", "day": 4, "removed": True}, {"code": "140005610", "day": 4, "removed": False}],
     notes=["特例条件"], masters="fixture-02")

# The fixture 02包括テーブル (official layout: 7 columns, CP932, every value quoted, CRLF; tensuhyo_01 §5(2)):
# illustrative rows, not the official file — group numbers the official 01 rows name (A300001 救命救急入院料,
# A301001 特定集中治療室管理料), members read from A300 注7 / A301 注3 (検査, 点滴注射, 酸素吸入).
# D007 注 ハ 注 入院時初回加算: 10項目以上 of 生化学的検査（Ⅰ） for a 入院中の患者, 初回に限り 20点 (K 8747-8754): the
# まるめ 103 + 20, and 生化学的検査（Ⅰ）判断料 144 (D026 4).
D007_10 = [{"code": c} for c in ["160017410", "160019010", "160019210", "160020410", "160022510", "160022610", "160019410", "160019510", "160021410", "160021510"]]
D007 = K + " 8747-8754 (D007 注 ハ 10項目以上 103点; 注 入院中の患者について算定した場合は、入院時初回加算として、初回に限り20点)"
case("10項目以上 of 生化学的検査（Ⅰ） on the 入院日 and again two days later: 入院時初回加算 20 once (103 + 20, then 103; 判断料 144)", "D007 注 ハ 注",
     A100 + "; " + D007,
     claim({"date": "2024-06-03", "discharge": "2024-06-07", "ward": {"basic_fee": B}}, std(3525),
           encounters=[{"date": "2024-06-03", "orders": [{"category": 60, "items": D007_10}]},
                       {"date": "2024-06-05", "orders": [{"category": 60, "items": D007_10}]}]),
     [L([B, P14], 2138, days(3, 7))], orders_points=103 + 20 + 103 + 144)
case("3 items of 生化学的検査（Ⅰ） on the 入院日: no まるめ and no 入院時初回加算 (33; 判断料 144)", "D007 注 ハ 注",
     A100 + "; " + D007,
     claim({"date": "2024-06-03", "discharge": "2024-06-07", "ward": {"basic_fee": B}}, std(3525),
           encounters=[{"date": "2024-06-03", "orders": [{"category": 60, "items": D007_10[:3]}]}]),
     [L([B, P14], 2138, days(3, 7))], orders_points=33 + 144)
case("a stay from the month before: 10項目以上 gets no 入院時初回加算 (its 初回 may be on the earlier receipt), a note says so", "D007 注 ハ 注",
     A100 + "; " + D007,
     claim({"date": "2024-05-27", "discharge": "2024-06-07", "ward": {"basic_fee": B}}, std(3525, since="2024-05-01"),
           encounters=[{"date": "2024-06-03", "orders": [{"category": 60, "items": D007_10}]}]),
     [L([B, P14], 2138, days(1, 7))], orders_points=103 + 144, notes=["入院時初回加算 not derived"])

# Review 61: 注加算 stated without days take their own 05 算定単位; a 注加算's 上限年齢 holds for a stated row.
A214 = K + " 1903-1917 (A214 1 看護補助加算１ 141点; 注2 夜間75対１看護補助加算 入院した日から起算して20日を限度として55点; 注3 夜間看護体制加算 入院初日に限り176点)"
case("地域一般入院料１ with A214 看護補助加算１ and its 注2・注3 stated without days: 注2 on days 1–20 only, 注3 on the 入院初日 only", "A214 注2・注3",
     K + " 470 (A100 3 イ 地域一般入院料１ 1,176点), 490-493 (注3 14日以内 450点, 15日以上30日以内 192点); " + A214,
     claim({"date": "2024-06-01", "ward": {"basic_fee": "190200210"},
            "additions": [{"code": "190103770"}, {"code": "190191170"}, {"code": "190191270"}]}, std(3531), encounters=[{"date": "2024-06-30", "orders": []}]),
     # 1,176 + 450 = 1,626 (days 1–14), 1,176 + 192 = 1,368 (days 15–30); 141 × 30; 55 × 20 (注2); 176 once (注3).
     [L(["190200210", P14], 1626, days(1, 14)), L(["190200210", P30], 1368, days(15, 30)), L(["190103770"], 141, days(1, 30)),
      L(["190191170"], 55, days(1, 20)), L(["190191270"], 176, [1])])
case("救急医療管理加算１ with its 注2 乳幼児加算 stated for a 54-year-old: the 注2 row is not billed (上限年齢 06), a note says so", "A205 注2",
     A100 + "; " + K + " 1681-1695 (A205 1 救急医療管理加算１ 1,050点, 入院した日から起算して７日を限度; 注2 ６歳未満である場合には、乳幼児加算として、400点を更に所定点数に加算)",
     claim({"date": "2024-06-01", "discharge": "2024-06-10", "ward": {"basic_fee": B}, "additions": [{"code": "190171910"}, {"code": "190100170"}]},
           std(3525, 3659), birth="1970-04-15"),
     # 10 × 2,138; 1,050 × 7 (days 1–7); 400 × 7 of 注2 not billed.
     [L([B, P14], 2138, days(1, 10)), L(["190171910"], 1050, days(1, 7))],
     notes=["190100170 乳幼児加算（救急医療管理加算）: the patient (born 1970-04-15, 54 on 2024-06-01) is not within its 下限年齢・上限年齢"])
case("重症者等療養環境特別加算 個室 and ２人部屋 both stated: one 加算識別 of 04 group 001, the 個室 (more points) is kept", "A221 / tensuhyo_01 §5(4)",
     A100 + "; " + K + " 1979-1981 (A221 重症者等療養環境特別加算 １ 個室の場合 300点, ２ ２人部屋の場合 150点); 04入院基本料テーブル group 001, 加算識別 21 for both (「同一グループ内で加算識別が同じものは併算定不可」) (review 64 c33)",
     claim({"date": "2024-06-10", "discharge": "2024-06-14", "ward": {"basic_fee": B}, "additions": [{"code": "190105870"}, {"code": "190105970"}]}, std(3525, 19)),
     # 5 × 2,138; 300 × 5 (個室); the ２人部屋 150 not billed.
     [L([B, P14], 2138, days(10, 14)), L(["190105870"], 300, days(10, 14))],
     notes=["190105970 重症者等療養環境特別加算（２人部屋） from 2024-06-10: the same 加算識別 21 of 04 group 001 as admission.additions[0] 190105870"])

fixture_rows = [
    ("A300001", "160000310", "尿一般"), ("A300001", "160008010", "末梢血液一般検査"), ("A300001", "130003810", "点滴注射"),
    ("A300001", "140005610", "酸素吸入"), ("A301001", "160008010", "末梢血液一般検査"), ("A301001", "130003810", "点滴注射"),
    ("A301001", "140005610", "酸素吸入", "1"),   # 特例条件 1: illustrative, to exercise the 特例条件 path
]
import os
os.makedirs("Fixtures/tensuhyo/ika-R06", exist_ok=True)
with open("Fixtures/tensuhyo/ika-R06/02包括テーブル.csv", "wb") as f:
    for g, code, name, *special in fixture_rows:
        f.write((",".join('"%s"' % v for v in ["0", g, code, name, special[0] if special else "0", "20240601", "99999999"]) + "\r\n").encode("cp932"))

json.dump({"description": "Golden 入院 (出来高) cases written by hand from the 告示/通知 text (../shared/legal/R06; R04 values from 令和4年厚生労働省告示第54号): each a sentence name, the 区分番号, the source passage, a claim with `admission`, and every expected receipt line (codes, points or yen per 回, 回数, days of the month). Run by InpatientGoldenTests on the real masters. Generated by make_cases.py (the derivations are commented there).",
           "cases": cases}, open("inpatient-cases.json", "w"), ensure_ascii=False, indent=1)
print(len(cases))
