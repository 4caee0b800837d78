"""The case table: what the guard must flag (every category, every evasion) and what it must not."""

from __future__ import annotations

import pytest

from studio.compliance import Checker, Level, MatchForm

ZH = "zh-CN"
EN = "en-US"
E, D, P, H = MatchForm.EXACT, MatchForm.DISGUISED, MatchForm.PINYIN, MatchForm.HOMOPHONE

# (text, language, the terms found in reading order, the form of the first one)
FLAGGED: list[tuple[str, str, tuple[str, ...], MatchForm]] = [
    # ---- absolute terms (广告法第九条第三项) ----
    ("这款是全网最佳的龙井", ZH, ("最佳",), E),
    ("最好的茶就在这里", ZH, ("最好",), E),
    ("史上最好用的杯子", ZH, ("最好",), E),
    ("全网最靓的颜色", ZH, ("全网最",), E),
    ("这是国家级的工艺", ZH, ("国家级",), E),
    ("世界级的品质", ZH, ("世界级",), E),
    ("顶级的原料", ZH, ("顶级",), E),
    ("鼎级配置，一步到位", ZH, ("鼎级",), E),
    ("终极版本来了", ZH, ("终极",), E),
    ("销量第一的精华", ZH, ("销量第一",), E),
    ("我们是行业第一", ZH, ("行业第一",), E),
    ("品质第一名", ZH, ("第一",), E),
    ("连续三年排名第一位", ZH, ("第一",), E),
    ("NO.1的口碑", ZH, ("no.1",), E),
    ("TOP 1 好物推荐", ZH, ("top 1",), E),
    ("唯一一款能做到的", ZH, ("唯一",), E),
    ("独一无二的设计", ZH, ("独一无二",), E),
    ("最便宜的就是这款", ZH, ("最便宜",), E),
    ("最受欢迎的款式", ZH, ("最受欢迎",), E),
    ("今天全网最低价", ZH, ("全网最低价",), E),
    ("史上最低价，冲", ZH, ("史上最低价",), E),
    ("最低价格给到大家", ZH, ("最低价格",), E),
    ("首家采用这种工艺", ZH, ("首家",), E),
    ("新品全网首发", ZH, ("全网首发",), E),
    ("送礼首选", ZH, ("首选",), E),
    ("万能的清洁剂", ZH, ("万能",), E),
    ("100%满意", ZH, ("100%",), E),
    ("绝对好喝", ZH, ("绝对",), E),
    ("永久保修", ZH, ("永久",), E),
    ("极致的体验", ZH, ("极致",), E),
    ("最高品质的原料", ZH, ("最高",), E),
    ("全国最大的工厂", ZH, ("全国最",), E),
    ("独家配方", ZH, ("独家",), E),
    ("技术遥遥领先", ZH, ("遥遥领先",), E),
    ("茶中之王", ZH, ("之王",), E),
    ("填补国内空白", ZH, ("填补国内空白",), E),
    ("最好最便宜", ZH, ("最好", "最便宜"), E),
    # ---- authority claims ----
    ("专家推荐的好物", ZH, ("专家推荐",), E),
    ("通过权威认证", ZH, ("权威认证",), E),
    ("驰名商标，值得信赖", ZH, ("驰名商标",), E),
    ("中国驰名商标", ZH, ("中国驰名商标",), E),
    ("国家特供茶叶", ZH, ("国家特供",), E),
    ("特供酒", ZH, ("特供",), E),
    ("政府专供", ZH, ("政府专供",), E),
    ("国家免检", ZH, ("国家免检",), E),
    ("医生推荐的枕头", ZH, ("医生推荐",), E),
    ("央视推荐品牌", ZH, ("央视推荐",), E),
    ("领导人同款", ZH, ("领导人同款",), E),
    # ---- medical claims for ordinary goods (第十七条) ----
    ("可以治疗失眠", ZH, ("治疗",), E),
    ("三天治愈", ZH, ("治愈",), E),
    ("治愈率高达九成", ZH, ("治愈",), E),
    ("根治脚气", ZH, ("根治",), E),
    ("药到病除", ZH, ("药到病除",), E),
    ("抗癌效果好", ZH, ("抗癌",), E),
    ("减肥神器", ZH, ("减肥神器",), E),
    ("降血压降血糖", ZH, ("降血压", "降血糖"), E),
    ("清热解毒", ZH, ("清热解毒",), E),
    ("消炎止痛", ZH, ("消炎", "止痛"), E),
    ("排毒养颜", ZH, ("排毒",), E),
    ("补肾壮阳", ZH, ("补肾", "壮阳"), E),
    ("延年益寿", ZH, ("延年益寿",), E),
    ("喝了能减肥", ZH, ("减肥",), E),
    ("助眠效果好", ZH, ("助眠",), E),
    ("增强免疫力", ZH, ("增强免疫力",), E),
    # ---- guarantees ----
    ("保证有效", ZH, ("保证有效",), E),
    ("无效退款", ZH, ("无效退款",), E),
    ("零风险", ZH, ("零风险",), E),
    ("0风险投资", ZH, ("0风险",), E),
    ("稳赚不赔", ZH, ("稳赚不赔",), E),
    ("无副作用", ZH, ("无副作用",), E),
    ("100%有效", ZH, ("100%有效",), E),
    ("七天见效", ZH, ("天见效",), E),
    ("一次见效", ZH, ("一次见效",), E),
    ("永不反弹", ZH, ("永不反弹",), E),
    ("效果立竿见影", ZH, ("立竿见影",), E),
    ("保本保息", ZH, ("保本保息",), E),
    ("这个理财保本", ZH, ("保本",), E),
    # ---- false urgency ----
    ("最后一天，马上涨价", ZH, ("最后一天", "马上涨价"), E),
    ("错过再等一年", ZH, ("错过再等一年",), E),
    ("库存告急", ZH, ("库存告急",), E),
    ("跳楼价", ZH, ("跳楼价",), E),
    ("亏本甩卖", ZH, ("亏本甩卖",), E),
    ("再不抢就没了", ZH, ("再不抢就没了",), E),
    # ---- English pitches ----
    ("This is the best tea", EN, ("the best",), E),
    ("Best ever price", EN, ("best ever",), E),
    ("We are #1 in China", EN, ("#1",), E),
    ("Number one seller", EN, ("number one",), E),
    ("The world's best thermos", EN, ("world's best",), E),
    ("It will cure your cold", EN, ("cure",), E),
    ("A miracle cure", EN, ("miracle cure",), E),
    ("Results guaranteed", EN, ("results guaranteed",), E),
    ("Try it risk-free", EN, ("risk-free",), E),
    ("No side effects at all", EN, ("no side effects",), E),
    ("Doctor recommended formula", EN, ("doctor recommended",), E),
    ("Clinically proven to work", EN, ("clinically proven",), E),
    ("Anti-cancer properties", EN, ("anti-cancer",), E),
    ("Last chance to buy", EN, ("last chance",), E),
    ("Today only!", EN, ("today only",), E),
    ("Lowest price ever", EN, ("lowest price ever",), E),
    ("The cheapest on the market", EN, ("cheapest",), E),
    ("Guaranteed to keep hot", EN, ("guaranteed",), E),
    ("Burns fat fast", EN, ("burns fat",), E),
    ("这款是best的", ZH, ("best",), E),
    # ---- evasions: spaces, punctuation, symbols, invisible characters ----
    ("全网最 佳", ZH, ("最佳",), D),
    ("最-佳的选择", ZH, ("最佳",), D),
    ("最，佳", ZH, ("最佳",), D),
    ("最·佳", ZH, ("最佳",), D),
    ("最\u200b佳", ZH, ("最佳",), D),
    ("🔥最🔥佳🔥", ZH, ("最佳",), D),
    ("国 家 级", ZH, ("国家级",), D),
    ("第 一 名", ZH, ("第一",), D),
    ("c u r e for colds", EN, ("cure",), D),
    ("risk free", EN, ("risk-free",), D),
    # ---- evasions: traditional characters ----
    ("國家級", ZH, ("国家级",), D),
    ("頂級品質", ZH, ("顶级",), D),
    ("獨一無二", ZH, ("独一无二",), D),
    ("馳名商標", ZH, ("驰名商标",), D),
    ("治療失眠", ZH, ("治疗",), D),
    ("減肥神器", ZH, ("减肥神器",), D),
    ("無效退款", ZH, ("无效退款",), D),
    ("保證有效", ZH, ("保证有效",), D),
    # ---- evasions: full width, case, styled letters ----
    ("ＢＥＳＴ ＥＶＥＲ", EN, ("best ever",), D),
    ("𝐛𝐞𝐬𝐭 𝐞𝐯𝐞𝐫", EN, ("best ever",), D),
    ("THE BEST", EN, ("the best",), E),
    ("Ｎｏ．１的口碑", ZH, ("no.1",), D),
    ("我们是＃１", ZH, ("#1",), D),
    ("１００％有效", ZH, ("100%有效",), D),
    ("Ｃｕｒｅ", EN, ("cure",), D),
    # ---- evasions: pinyin ----
    ("zui佳的选择", ZH, ("最佳",), P),
    ("ZUIJIA的茶", ZH, ("最佳",), P),
    ("zuì jiā", ZH, ("最佳",), P),
    ("最jia的口感", ZH, ("最佳",), P),
    ("di一名", ZH, ("第一",), P),
    ("guo家级", ZH, ("国家级",), P),
    ("jue对好喝", ZH, ("绝对",), P),
    ("kangai效果", ZH, ("抗癌",), P),
    ("zhi疗失眠", ZH, ("治疗",), P),
    ("Wu Xiao Tui Kuan", ZH, ("无效退款",), P),
    # ---- evasions: same-sound characters (terms that opt in) ----
    ("醉佳的口感", ZH, ("最佳",), H),
    ("亢癌", ZH, ("抗癌",), H),
    ("驰名商镖", ZH, ("驰名商标",), H),
    ("零风显", ZH, ("零风险",), H),
    ("特贡酒", ZH, ("特供",), H),
    ("药到病厨", ZH, ("药到病除",), H),
]

# Lines that must pass: ordinals, time, consumer tips, specs, label facts, idioms, and ordinary
# words that share characters or sounds with a term.
EXEMPT: list[tuple[str, str]] = [
    ("第一步先把茶叶放进杯子", ZH),
    ("第一次买的朋友看过来", ZH),
    ("第一个下单的送小样", ZH),
    ("第一天到货就能喝", ZH),
    ("第一眼就喜欢上了", ZH),
    ("第一时间给大家发货", ZH),
    ("第一件原价，第二件半价", ZH),
    ("第一口就很鲜爽", ZH),
    ("第一款是明前龙井", ZH),
    ("第一波福利来了", ZH),
    ("第一位下单的朋友送小样", ZH),
    ("第1步：温杯", ZH),
    ("第一百位下单的朋友", ZH),
    ("主播的第一感觉", ZH),
    ("di一步先温杯", ZH),
    ("首先给大家看外包装", ZH),
    ("首页有优惠券", ZH),
    ("首次下单立减五元", ZH),
    ("首单包邮", ZH),
    ("首个工作日发货", ZH),
    ("最近天气很干", ZH),
    ("最后给大家说一下售后", ZH),
    ("最佳赏味期是三个月", ZH),
    ("最佳饮用温度是八十五度", ZH),
    ("最好冷藏保存", ZH),
    ("开封后最好三个月内喝完", ZH),
    ("最好先在耳后试用一下", ZH),
    ("最高可减五十元", ZH),
    ("最高立减100元", ZH),
    ("最大承重150公斤", ZH),
    ("最低气温零下五度", ZH),
    ("100%纯棉面料", ZH),
    ("百分百桑蚕丝", ZH),
    ("唯一的缺点是颜色少", ZH),
    ("很治愈的颜色", ZH),
    ("治愈系的音乐", ZH),
    ("本品不能代替药物治疗", ZH),
    ("积极致力于环保", ZH),
    ("确保本次发货顺利", ZH),
    ("医保本可以用吗", ZH),
    ("七天无理由退换", ZH),
    ("假一赔十，放心买", ZH),
    ("这个机制很划算", ZH),
    ("售价一百六十八元", ZH),
    ("西湖龙井制作技艺是国家级非物质文化遗产", ZH),
    ("万能胶水", ZH),
    ("行李箱是万能轮", ZH),
    ("永久牌自行车", ZH),
    ("电商专供款", ZH),
    ("感觉对了就下单", ZH),
    ("合二为一的设计", ZH),
    ("价格再低一点", ZH),
    ("各地一样的价格", ZH),
    ("机智的小设计", ZH),
    ("预防AI换脸诈骗", ZH),
    ("AirWave 降噪头戴耳机", ZH),
    ("DIY一下更有意思", ZH),
    ("#1号链接是龙井", ZH),
    ("NO.1号链接", ZH),
    ("点击下方小黄车1号链接", ZH),
    ("The first step is to warm the cup", EN),
    ("Best before the end of 2027", EN),
    ("Best regards from the team", EN),
    ("Try your best to finish it in a month", EN),
    ("It's best to store it cold", EN),
    ("A secure lid", EN),
    ("A manicure set", EN),
    ("Cured ham from Yunnan", EN),
    ("Link #1 is the tea", EN),
    ("10.0% off everything", EN),
    ("There is no risk of leaks", EN),
    ("At first I didn't like it", EN),
    ("A 100% cotton sleeve", EN),
    ("Free shipping on orders over ¥99", EN),
    ("Top 10 picks for winter", EN),
]


def test_the_table_is_big_enough() -> None:
    assert len(FLAGGED) + len(EXEMPT) >= 150
    assert len(EXEMPT) >= 50
    forms = {form for *_, form in FLAGGED}
    assert forms == {E, D, P, H}


@pytest.mark.parametrize(("text", "language", "expected", "form"), FLAGGED,
                         ids=[f"{i}:{t}" for i, (t, *_rest) in enumerate(FLAGGED)])
def test_flagged(checker: Checker, text: str, language: str, expected: tuple[str, ...],
                 form: MatchForm) -> None:
    found = checker.check(text, language)
    assert [f.term for f in found] == list(expected)
    assert found[0].form is form
    for f in found:
        # The span indexes the original text, so the console can underline it.
        assert text[f.start:f.end] == f.matched_text
        assert f.basis and f.category and f.severity in (Level.BLOCK, Level.WARN)


@pytest.mark.parametrize(("text", "language"), EXEMPT, ids=[f"{i}:{t}" for i, (t, _) in enumerate(EXEMPT)])
def test_exempt(checker: Checker, text: str, language: str) -> None:
    assert checker.check(text, language) == []


@pytest.mark.parametrize(("text", "matched"), [
    ("这款是全网最佳的龙井", "全网最佳"),
    ("全网最 佳的选择", "全网最 佳"),
    ("zui佳的选择", "zui佳"),
    ("It is the BEST!", "the BEST"),
])
def test_spans_cover_what_the_operator_typed(checker: Checker, text: str, matched: str) -> None:
    (f,) = checker.check(text, ZH)
    assert f.matched_text == matched
    assert (f.start, f.end) == (text.index(matched), text.index(matched) + len(matched))


def test_absolute_term_cites_article_9_and_the_fine(checker: Checker) -> None:
    (f,) = checker.check("全网最佳", ZH)
    assert f.severity is Level.BLOCK
    assert f.category == "absolute"
    assert f.basis_id == "ad-law-9-3"
    assert "《广告法》第九条第（三）项" in f.basis and "二十万元以上一百万元以下" in f.basis
    assert f.rewrite


def test_medical_claim_cites_article_17(checker: Checker) -> None:
    (f,) = checker.check("可以治疗失眠", ZH)
    assert (f.category, f.basis_id, f.severity) == ("medical", "ad-law-17", Level.BLOCK)


def test_warn_terms_do_not_block(checker: Checker) -> None:
    assert checker.check("首家采用这种工艺", ZH)[0].severity is Level.WARN
    assert checker.blocking("首家采用这种工艺", ZH) == []
    assert [f.term for f in checker.blocking("首家采用，全网最佳", ZH)] == ["最佳"]


def test_pinyin_and_homophones_only_for_chinese_lines(checker: Checker) -> None:
    assert checker.check("zui佳", EN) == []
    assert checker.check("醉佳", EN) == []
    assert [f.term for f in checker.check("zui佳", ZH)] == ["最佳"]


def test_homophones_need_tones_to_match(checker: Checker) -> None:
    # 初 (chū) is not 除 (chú): tones must agree, or ordinary words would collide.
    assert checker.check("药到病初", ZH) == []


def test_homophones_must_keep_part_of_the_term(checker: Checker) -> None:
    # 醉家 replaces both characters of 最佳: too far from the term to call it an evasion.
    assert checker.check("醉家", ZH) == []


def test_nested_terms_report_the_longest(checker: Checker) -> None:
    (f,) = checker.check("全网最低价", ZH)
    assert f.term == "全网最低价"


def test_overlapping_terms_report_one_finding(checker: Checker) -> None:
    (f,) = checker.check("全网最佳", ZH)
    assert (f.matched_text, f.term) == ("全网最佳", "最佳")
