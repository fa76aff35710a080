// Pinyin order (pinyin_order.h): a roster in the order a Chinese reader expects, written by
// hand, then shuffled and sorted; school names; numbers and Latin letters.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "pinyin_order.h"

using namespace it2;

namespace {

std::vector<std::string> sorted_by_pinyin(std::vector<std::string> names, CollateAs as) {
    std::mt19937 shuffle_with(12);
    std::shuffle(names.begin(), names.end(), shuffle_with);
    std::sort(names.begin(), names.end(), [as](const std::string& a, const std::string& b) {
        return compare_pinyin(a, b, as) < 0;
    });
    return names;
}

void check_order(const std::vector<std::string>& expected, CollateAs as) {
    std::vector<std::string> got = sorted_by_pinyin(expected, as);
    for (size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK(got[i] == expected[i]);
    }
    // The key builder agrees with compare_pinyin: sorting by keys gives the same order.
    std::vector<std::string> keys;
    for (const std::string& name : expected) keys.push_back(pinyin_sort_key(name, as));
    CHECK(std::is_sorted(keys.begin(), keys.end()));
}

}  // namespace

TEST_CASE("a roster of teachers sorts by the pinyin of each character, surnames read as surnames") {
    const std::vector<std::string> roster = {
        "Anna",       // Latin letters before any Han character (as Excel's 中文排序 does)
        "Zhang Wei",  // … whatever the romanised name says
        "安娜",       // ān
        "白雪",       // bái
        "陈晨",       // chén (曾志伟 is not here: as a surname 曾 is Zēng, not céng)
        "戴维",       // dài
        "方圆",       // fāng
        "盖聂",       // surname 盖 is Gě, not gài; same syllable and tone as 葛, fewer strokes (11 < 12)
        "葛优",       // surname 葛 is Gě (not gé), 12 strokes
        "何平",       // hé
        "李白",       // lǐ
        "陆游",       // lù
        "吕布",       // lǚ: ü sorts as u, after u: lù < lǚ < luán (the 现代汉语词典's order)
        "栾云平",     // luán
        "马云",       // mǎ
        "万俟丽",     // two-character surname 万俟 Mòqí: under m, not wàn
        "区志明",     // surname 区 is Ōu (not qū); 4 strokes
        "欧阳修",     // ōu, 8 strokes: after 区
        "朴槿惠",     // surname 朴 is Piáo, not pǔ
        "秦琼",       // qín, 10 strokes
        "覃秀",       // surname 覃 is Qín (not tán); 12 strokes: after 秦
        "仇英",       // surname 仇 is Qiú (not chóu): qiu after qin
        "山丹",       // shān
        "单雄信",     // surname 单 is Shàn (not dān): tone 4 after 山's tone 1, before shang
        "尚可喜",     // shàng
        "王涛",       // wáng tāo
        "王婷",       // wáng tíng
        "王𡈼",       // 𡈼 U+2123C (Ext-B, in the demo data): Unihan reads it tǐng, tone 3 after tíng
        "王𠀾",       // 𠀾 U+2003E (Ext-B): no reading in Unihan, so after every known reading
        "谢娜",       // xiè, 12 strokes
        "解缙",       // surname 解 is Xiè (not jiě); 13 strokes: after 谢
        "于谦",       // yú
        "尉迟恭",     // two-character surname 尉迟 Yùchí (not wèi): yù after yú
        "曾志伟",     // surname 曾 is Zēng: under z, zeng before zha
        "查良镛",     // surname 查 is Zhā (not chá): zha before zhang
        "张三",       // zhāng, 7 strokes
        "章一",       // zhāng, 11 strokes: character by character, so 章一 after 张三 whatever follows
    };
    check_order(roster, CollateAs::person_name);
}

TEST_CASE("surname readings hold only for the first characters of a person's name") {
    // As plain text 曾 is céng, 单 dān, 查 chá, 解 jiě: 曾家岩 sorts under c, before 陈.
    check_order({"曾家岩小学", "查家湾小学", "陈家桥小学", "单家店小学", "解放路小学"}, CollateAs::text);
    // In a name, only the first character is a surname: 李曾 reads lǐ céng, before 李晨 (chén).
    check_order({"李曾", "李晨"}, CollateAs::person_name);
    // 尉 alone is Wèi; only 尉迟 reads yù (so 尉缭, wèi, comes first).
    check_order({"尉缭", "尉迟恭"}, CollateAs::person_name);
    CHECK(compare_pinyin("尉缭", "王五", CollateAs::person_name) > 0);  // wèi after wáng
}

TEST_CASE("school names sort by the reading of the characters after a shared prefix") {
    check_order({"綦江区大罗云阳村小",  // dà
                 "綦江区东溪书院街小学",  // dōng
                 "綦江区高青学校",  // gāo
                 "綦江区古南中心小学",  // gǔ
                 "綦江区陵园小学",  // líng
                 "綦江区南州中学",  // nán
                 "綦江区綦江职业教育中心",  // qí … zhí
                 "綦江区綦江中学",  // qí … zhōng
                 "綦江区三江中心小学",  // sān
                 "綦江区石壕小学",  // shí
                 "綦江区实验小学",  // shí (石 5 strokes < 实 8), then … xiǎo
                 "綦江区实验中学",  //  … zhōng
                 "綦江区适中学校",  // shì
                 "綦江区通惠小学",  // tōng
                 "綦江区文龙中心小学",  // wén
                 "綦江区新盛中心小学",  // xīn
                 "綦江区营盘山小学",  // yíng
                 "綦江区永新小学",  // yǒng
                 "綦江区篆塘小学"},  // zhuàn
                CollateAs::text);
}

TEST_CASE("numbers by value, then Latin letters, then Han characters") {
    check_order({"(试点)新城小学",  // punctuation first
                 "2班", "０３班", "10班",  // by value; full-width digits too, leading zeros ignored
                 "apple", "Banana", "cherry",  // case-insensitive
                 "第2中学", "第10中学",  // numbers inside text by value too
                 "第二中学"},
                CollateAs::text);
    // Spaces do not count; equal otherwise, the bytes decide (and a string equals only itself).
    CHECK(compare_pinyin("张 三", "张三") != 0);
    CHECK(compare_pinyin("张 三", "张四") < 0);
    CHECK(compare_pinyin("007", "7") != 0);
    CHECK(compare_pinyin("007", "8") < 0);
    CHECK(compare_pinyin("张三", "张三") == 0);
}

TEST_CASE("tones order 1, 2, 3, 4 then neutral — ü after u") {
    check_order({"妈", "麻", "马", "骂", "吗"}, CollateAs::text);  // mā má mǎ mà ma
    check_order({"路", "绿", "乱", "略", "论", "罗"}, CollateAs::text);  // lù lǜ luàn lüè lùn luó
}

TEST_CASE("any bytes sort without harm") {
    const std::string bad = "\xff\xfe\xe4\xb8";  // invalid and cut UTF-8
    CHECK(compare_pinyin(bad, "a") != 0);
    CHECK(compare_pinyin(bad, bad) == 0);
    CHECK(compare_pinyin("", "a") < 0);
    CHECK(pinyin_sort_key("", CollateAs::person_name) < pinyin_sort_key("单", CollateAs::person_name));
    CHECK(pinyin_table_bytes() > 8105 * 4);
}

// A benchmark, not a test (skipped unless asked for; prints figures, asserts no timing):
//   build/native/it2_tests -tc='*benchmark*' --no-skip
TEST_CASE("pinyin sort benchmark: 100,000 names" * doctest::skip()) {
    const char* surnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
                              "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "单", "曾", "欧阳"};
    const char* given[] = {"伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
                           "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "桂", "兰", "玥", "堃", "喆", "𡈼"};
    std::mt19937 random(7);
    std::vector<std::string> names;
    for (int i = 0; i < 100000; ++i) {
        std::string n = surnames[random() % std::size(surnames)];
        for (int k = 0, count = 1 + int(random() % 2); k < count; ++k) n += given[random() % std::size(given)];
        names.push_back(n);
    }
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::time_point since) { return std::chrono::duration<double, std::milli>(Clock::now() - since).count(); };
    // Before: the bytes (code point order), keyed by string_view as the dashboard's sort_rows did.
    auto start = Clock::now();
    std::vector<std::pair<std::string_view, int>> by_bytes;
    for (size_t i = 0; i < names.size(); ++i) by_bytes.emplace_back(names[i], int(i));
    std::stable_sort(by_bytes.begin(), by_bytes.end());
    const double bytes_ms = ms(start);
    // After: one key per name, then the same sort.
    start = Clock::now();
    std::vector<std::pair<std::string, int>> by_key;
    for (size_t i = 0; i < names.size(); ++i) by_key.emplace_back(pinyin_sort_key(names[i], CollateAs::person_name), int(i));
    const double keys_ms = ms(start);
    std::stable_sort(by_key.begin(), by_key.end());
    const double pinyin_ms = ms(start);
    // Per comparison, without keys: what the keys save.
    start = Clock::now();
    std::vector<std::string> sorted = names;
    std::stable_sort(sorted.begin(), sorted.end(), [](const std::string& a, const std::string& b) {
        return compare_pinyin(a, b, CollateAs::person_name) < 0;
    });
    const double per_comparison_ms = ms(start);
    MESSAGE("100k names: code point order " << bytes_ms << " ms; pinyin keys " << keys_ms << " ms + sort = "
                                            << pinyin_ms << " ms (" << pinyin_ms / bytes_ms
                                            << "x); pinyin per comparison " << per_comparison_ms << " ms; table "
                                            << pinyin_table_bytes() << " bytes");
    CHECK(std::is_sorted(by_key.begin(), by_key.end()));
}
