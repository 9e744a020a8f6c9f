"""Chinese data and pure generators for the demo estate: names, ID numbers, phones, plates.

Everything here is data (declared as constants, not translated: it is what a
Shenzhen office's records hold) or a function of a ``random.Random``, so a
seed always gives the same people. No database access.
"""
from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field

from models import validation as v

# Surnames with their approximate share of the population (per mille), most
# common first; compound surnames (欧阳, 司徒) kept rare, as they are.
SURNAMES = (
    ("王", 71), ("李", 70), ("张", 67), ("刘", 54), ("陈", 46), ("杨", 31), ("黄", 25), ("赵", 23),
    ("吴", 20), ("周", 20), ("徐", 15), ("孙", 15), ("马", 14), ("朱", 13), ("胡", 13), ("郭", 12),
    ("何", 12), ("林", 12), ("高", 11), ("罗", 10), ("郑", 9), ("梁", 9), ("谢", 8), ("宋", 8),
    ("唐", 8), ("许", 7), ("韩", 7), ("冯", 7), ("邓", 7), ("曹", 7), ("彭", 6), ("曾", 6),
    ("肖", 6), ("田", 6), ("董", 5), ("袁", 5), ("潘", 5), ("于", 5), ("蒋", 5), ("蔡", 5),
    ("余", 5), ("杜", 5), ("叶", 5), ("程", 4), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 4),
    ("任", 4), ("沈", 4), ("姚", 4), ("卢", 4), ("姜", 3), ("崔", 3), ("钟", 3), ("谭", 3),
    ("陆", 3), ("汪", 3), ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3),
    ("韦", 3), ("付", 3), ("方", 3), ("白", 2), ("邹", 2), ("孟", 2), ("熊", 2), ("秦", 2),
    ("邱", 2), ("江", 2), ("尹", 2), ("薛", 2), ("闫", 2), ("段", 2), ("雷", 2), ("侯", 2),
    ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2),
    ("龚", 2), ("邵", 2), ("万", 2), ("钱", 2), ("严", 1), ("覃", 1), ("武", 1), ("戴", 1),
    ("莫", 1), ("孔", 1), ("向", 1), ("汤", 1), ("欧阳", 1), ("司徒", 1),
)

# Given-name characters by sex, for people born 1960-2004.
MALE_CHARS = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林阳建国志文海东峰成亮晨博轩泽瑞睿鸿毅锋彬坤晖昊振栋家庆德永春金荣兵新良祥"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀玲桂英红梅琳燕萍雪琴云洁婷倩颖欣怡佳雨萱涵思诗晓慧莉丹蓉薇月妍悦琪璐岚露雯珊凤翠兰"
# Names by generation: the elderly and today's children are named differently.
ELDER_MALE = ("建国", "国强", "德胜", "志强", "国华", "建华", "德明", "永福", "金山", "树林", "卫东", "保国", "长青",
              "振华", "国庆", "爱国", "福生", "德福", "学军", "建军")
ELDER_FEMALE = ("秀英", "桂兰", "淑珍", "玉兰", "凤英", "桂英", "秀兰", "淑芬", "玉珍", "金凤", "秀珍", "玉梅", "春兰",
                "桂芳", "素芬", "翠花", "丽华", "凤兰", "月娥", "秀云")
CHILD_MALE = ("子轩", "浩然", "宇轩", "俊熙", "思睿", "沐阳", "皓轩", "子墨", "博文", "梓豪", "一鸣", "宇航", "嘉懿",
              "睿泽", "铭轩", "天佑", "煜祺", "子骞", "奕辰", "晨阳")
CHILD_FEMALE = ("梓涵", "一诺", "欣怡", "雨涵", "紫涵", "诗涵", "语桐", "梓萱", "若汐", "依诺", "可馨", "雨桐", "芷若",
                "思琪", "佳怡", "梦瑶", "安琪", "语嫣", "子萱", "悦彤")

# Real region codes (GB/T 2260) weighted as a Shenzhen estate's residents come
# from: Shenzhen districts, the rest of Guangdong, then the big sending provinces.
REGIONS = (
    ("440303", 9), ("440304", 10), ("440305", 10), ("440306", 8), ("440307", 8), ("440308", 2), ("440309", 4),
    ("440310", 2), ("440104", 3), ("440106", 3), ("441900", 3), ("442000", 2), ("440605", 2), ("440511", 3),
    ("445202", 4), ("441402", 4), ("440882", 2), ("441302", 2), ("430102", 3), ("430111", 2), ("430421", 3),
    ("431002", 2), ("430602", 2), ("431102", 2), ("420106", 2), ("420111", 2), ("360102", 2), ("360721", 2),
    ("450103", 2), ("450102", 1), ("510104", 2), ("500103", 2), ("410105", 2), ("411502", 1), ("350102", 1),
    ("350583", 1), ("110105", 1), ("110108", 1), ("310104", 1), ("320102", 1), ("330106", 1), ("370102", 1),
    ("610113", 1), ("340104", 1), ("220102", 1), ("230103", 1), ("210102", 1), ("130102", 1), ("140105", 1),
    ("520102", 1), ("530102", 1), ("460105", 1),
)

# Mobile prefixes of the three carriers, the old 13x most common.
MOBILE_PREFIXES = (
    ("138", 8), ("139", 8), ("137", 6), ("136", 6), ("135", 6), ("134", 3), ("150", 5), ("151", 4), ("152", 3),
    ("157", 2), ("158", 5), ("159", 5), ("182", 3), ("183", 2), ("187", 3), ("188", 3), ("130", 3), ("131", 3),
    ("132", 2), ("155", 2), ("156", 3), ("185", 3), ("186", 4), ("133", 2), ("153", 2), ("180", 3), ("181", 2),
    ("189", 4), ("177", 2), ("199", 2), ("166", 1), ("198", 1), ("191", 1), ("176", 1), ("173", 1),
)
AREA_CODE = "0755"  # the estate is in Shenzhen (粤B)

# Employers: invented Shenzhen firms plus the usual public employers and non-employment.
FIRM_NAMES = ("华信", "宏达", "鹏程", "创新", "立讯", "恒通", "海岸", "前海", "南方", "鼎盛", "科达", "汇丰源", "金地",
              "天源", "博远", "嘉和", "众诚", "中航", "安信", "星河")
FIRM_KINDS = ("科技有限公司", "电子有限公司", "贸易有限公司", "物流有限公司", "建设工程有限公司", "实业有限公司",
              "投资管理有限公司", "软件有限公司", "装饰工程有限公司", "医疗器械有限公司")
INSTITUTIONS = ("深圳市第二人民医院", "南山区第二实验学校", "福田区人民法院", "深圳供电局", "深圳地铁集团",
                "招商银行深圳分行", "深圳大学", "南山区税务局", "宝安区中心医院", "深圳市公安局交通警察支队")
NO_EMPLOYER = ("个体经营", "自由职业", "退休", "家庭主妇")

EMERGENCY_RELATIONS = ("配偶", "父亲", "母亲", "儿子", "女儿", "兄弟", "姐妹", "朋友")
# Relation → (sex, years younger than the person, shares the surname); spouse and friend vary.
EMERGENCY_KIN = {"父亲": ("M", -28, True), "母亲": ("F", -26, False), "儿子": ("M", 28, True),
                 "女儿": ("F", 28, True), "兄弟": ("M", 3, True), "姐妹": ("F", -3, True), "配偶": ("M", 0, False)}
# A resident's relation to the owner (RoomParty.relation).
SPOUSE, CHILD, PARENT = "配偶", "子女", "父母"
TENANT_FAMILY = {SPOUSE: "租户配偶", CHILD: "租户子女", PARENT: "租户父母"}

PERSON_NOTES = ("独居老人，请多关照", "长期在外地工作，急事联系紧急联系人", "养有宠物犬一只，已登记", "听力不好，请大声说话",
                "需开具增值税发票", "腿脚不便，送件请上门", "不接受上门推销，勿留电话给第三方", "有钥匙寄存在管理处")
ROOM_NOTES = ("阳台已封闭", "已加装防盗网", "原三房改两房，已备案", "业主委托管理处代管钥匙", "屋顶有漏水记录，已维修",
              "入户门为业主自换，非原装")
SHOP_NOTES = ("便利店", "药店", "洗衣店", "面包房", "水果店", "美发店", "快递代收点", "餐饮（已办理油烟审批）")

# Purposes of ID copies, as stamped 复件仅供…之用 (seed 004 温馨贴士 A3).
PURPOSE_TRANSFER = "办理过户"
PURPOSE_RENOVATION = "办理装修"
PURPOSE_RELEASE = "办理物品放行"     # as the release part stamps the copy it registers
PURPOSE_PARKING = "办理停车卡"
PURPOSE_MOVE_IN = "办理入住"

# Plates: Shenzhen (粤B) mostly, the rest of Guangdong and a few from home provinces.
PLATE_PREFIXES = (("粤B", 80), ("粤A", 5), ("粤S", 3), ("粤L", 2), ("湘A", 2), ("赣A", 1), ("桂A", 1), ("鄂A", 1),
                  ("川A", 1))
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # I and O are never used on plates
CAR_NOTES = ("白色大众朗逸", "黑色丰田凯美瑞", "银色本田雅阁", "白色比亚迪汉", "灰色特斯拉Model 3", "红色日产轩逸",
             "黑色奥迪A6L", "白色五菱宏光")


def _cumulative(pairs):
    values = [value for value, _w in pairs]
    return values, list(itertools.accumulate(weight for _v, weight in pairs))


_SURNAMES = _cumulative(SURNAMES)
_REGIONS = _cumulative(REGIONS)
_MOBILES = _cumulative(MOBILE_PREFIXES)
_PLATES = _cumulative(PLATE_PREFIXES)


def pick(rng: random.Random, table) -> str:
    values, cum = table
    return rng.choices(values, cum_weights=cum)[0]


def surname(rng: random.Random) -> str:
    return pick(rng, _SURNAMES)


def given_name(rng: random.Random, gender: str, born: dt.date) -> str:
    male = gender == "M"
    if born.year < 1955:
        return rng.choice(ELDER_MALE if male else ELDER_FEMALE)
    if born.year >= 2008:
        return rng.choice(CHILD_MALE if male else CHILD_FEMALE)
    chars = MALE_CHARS if male else FEMALE_CHARS
    if rng.random() < 0.3:
        return rng.choice(chars)
    return rng.choice(chars) + rng.choice(chars)


def region(rng: random.Random) -> str:
    return pick(rng, _REGIONS)


def birth_date(rng: random.Random, today: dt.date, min_age: int, max_age: int) -> dt.date:
    oldest = today.toordinal() - int(max_age * 365.25) - 364
    youngest = today.toordinal() - int(min_age * 365.25)
    return dt.date.fromordinal(rng.randint(oldest, max(oldest, youngest)))


def mainland_id(rng: random.Random, region_code: str, born: dt.date, gender: str, used: set[str]) -> str:
    """A resident ID number (GB 11643): region, birth date, sequence whose last digit is odd for men, check digit."""
    stem = f"{region_code}{born.year:04d}{born.month:02d}{born.day:02d}"
    parity = 1 if gender == "M" else 0
    while True:
        sequence = rng.randrange(0, 500) * 2 + parity
        first17 = f"{stem}{sequence:03d}"
        number = first17 + v.id_check_digit(first17)
        if number not in used:
            used.add(number)
            return number


def hk_macau_permit(rng: random.Random, used: set[str]) -> str:
    """回乡证: H (Hong Kong) or M (Macau) and eight digits."""
    while True:
        number = rng.choice("HHHM") + f"{rng.randrange(10 ** 8):08d}"
        if number not in used:
            used.add(number)
            return number


def mobile(rng: random.Random) -> str:
    return pick(rng, _MOBILES) + f"{rng.randrange(10 ** 8):08d}"


def landline(rng: random.Random, extension: bool = False) -> str:
    number = f"{AREA_CODE}-{rng.randint(2, 8)}{rng.randrange(10 ** 7):07d}"
    return f"{number}-{rng.randint(100, 8999)}" if extension else number


def plate(rng: random.Random, used: set[str]) -> str:
    while True:
        prefix = pick(rng, _PLATES)
        if rng.random() < 0.2:   # new-energy plates: D/F and five digits
            tail = rng.choice("DF") + f"{rng.randrange(10 ** 5):05d}"
        else:
            tail = "".join(rng.choice(PLATE_LETTERS + "0123456789") for _i in range(2)) + f"{rng.randrange(1000):03d}"
        number = prefix + tail
        if number not in used:
            used.add(number)
            return number


def years_ago(today: dt.date, years: int) -> dt.date:
    return dt.date(today.year - years, today.month, min(today.day, 28))


def employer(rng: random.Random, age: int) -> str:
    if age < 23:
        return "深圳大学（在读）" if rng.random() < 0.3 else ""
    if age >= 60:
        return "退休" if rng.random() < 0.8 else rng.choice(NO_EMPLOYER)
    roll = rng.random()
    if roll < 0.6:
        return f"深圳市{rng.choice(FIRM_NAMES)}{rng.choice(FIRM_KINDS)}"
    if roll < 0.8:
        return rng.choice(INSTITUTIONS)
    if roll < 0.9:
        return rng.choice(NO_EMPLOYER[:3])
    return ""


def deed_number(rng: random.Random, year: int) -> str:
    """不动产权证号, as printed on the title deed since 2015 (房产证号 before)."""
    if year >= 2015:
        return f"粤({year})深圳市不动产权第{rng.randrange(10 ** 7):07d}号"
    return f"深房地字第{rng.randrange(10 ** 10):010d}号"


def lease_number(rng: random.Random, year: int) -> str:
    return f"ZL{year}-{rng.randrange(1, 10 ** 5):05d}"


def office_time(rng: random.Random, day: dt.date) -> dt.datetime:
    """A moment in office hours (09:00-17:30) of that day."""
    return dt.datetime.combine(day, dt.time(9)) + dt.timedelta(seconds=rng.randrange(0, 8 * 3600 + 1800))


# --- people -------------------------------------------------------------------------


@dataclass(slots=True)
class NewPerson:
    """A generated person before it becomes rows (person, phones, vehicles)."""
    id: int
    name: str
    surname: str
    gender: str
    born: dt.date
    id_type: str
    id_number: str
    region: str
    recorded: dt.date
    phones: list[tuple[str, str]] = field(default_factory=list)     # (number, label), primary first
    employer: str = ""
    emergency: tuple[str, str, str] = ("", "", "")                   # name, relation, phone
    vehicles: list[list[str]] = field(default_factory=list)          # [plate, parking space, note]
    notes: str = ""

    @property
    def mobile(self) -> str:
        return self.phones[0][0] if self.phones else ""

    def age(self, on: dt.date) -> int:
        return on.year - self.born.year - ((on.month, on.day) < (self.born.month, self.born.day))


class PersonMaker:
    """Makes people with unique, valid ID numbers and plates; ids numbered from ``first_id``."""

    def __init__(self, rng: random.Random, today: dt.date, first_id: int, used_ids: set[str]):
        self.rng, self.today = rng, today
        self.next_id = first_id
        self.used_ids = used_ids
        self.used_plates: set[str] = set()
        self.people: list[NewPerson] = []

    def person(self, recorded: dt.date, *, gender: str | None = None, born: dt.date | None = None,
               min_age: int = 25, max_age: int = 70, family_name: str | None = None,
               region_code: str | None = None) -> NewPerson:
        rng = self.rng
        gender = gender or rng.choice("MF")
        born = born or birth_date(rng, self.today, min_age, max_age)
        region_code = region_code or region(rng)
        family_name = family_name or surname(rng)
        if rng.random() < 0.01 and born.year < 2005:
            # A few Hong Kong / Macau residents own here and show their 回乡证.
            id_type, number = "hk_macau", hk_macau_permit(rng, self.used_ids)
        else:
            id_type, number = v.ID_MAINLAND, mainland_id(rng, region_code, born, gender, self.used_ids)
        person = NewPerson(self.next_id, family_name + given_name(rng, gender, born), family_name, gender, born,
                           id_type, number, region_code, recorded)
        self.next_id += 1
        age = person.age(self.today)
        if age >= 16:
            self._contacts(person, age)
        if rng.random() < 0.02:
            person.notes = rng.choice(PERSON_NOTES)
        self.people.append(person)
        return person

    def _contacts(self, person: NewPerson, age: int) -> None:
        rng = self.rng
        if age < 85 or rng.random() < 0.5:
            person.phones.append((mobile(rng), "mobile"))
            if rng.random() < 0.12:
                second = mobile(rng)
                if second != person.phones[0][0]:
                    person.phones.append((second, "mobile"))
        if rng.random() < (0.3 if age >= 60 else 0.08):
            person.phones.append((landline(rng), "home"))
        if age >= 18:
            person.employer = employer(rng, age)
            if person.employer.endswith("公司") and rng.random() < 0.15:
                person.phones.append((landline(rng, extension=True), "work"))
            if rng.random() < 0.6:
                person.emergency = self._emergency_contact(person)

    def _emergency_contact(self, person: NewPerson) -> tuple[str, str, str]:
        """A relative (or friend) whose name fits the relation: a father shares the surname, and so on."""
        rng = self.rng
        relation = rng.choice(EMERGENCY_RELATIONS)
        gender, years, same_name = EMERGENCY_KIN.get(relation, (rng.choice("MF"), rng.randint(-8, 8), False))
        if relation == SPOUSE:
            gender = "F" if person.gender == "M" else "M"
        born = dt.date.fromordinal(min(person.born.toordinal() + years * 365, self.today.toordinal() - 20 * 365))
        family = person.surname if same_name else surname(rng)
        return family + given_name(rng, gender, born), relation, mobile(rng)

    def couple(self, recorded: dt.date, *, min_age: int = 25, max_age: int = 70) -> tuple[NewPerson, NewPerson]:
        """A husband and wife of about the same age, each the other's emergency contact."""
        rng = self.rng
        first = self.person(recorded, min_age=min_age, max_age=max_age)
        shift = dt.timedelta(days=rng.randint(-5 * 365, 5 * 365))
        born = min(max(first.born + shift, years_ago(self.today, max_age + 5)), years_ago(self.today, 22))
        second = self.person(recorded, gender="F" if first.gender == "M" else "M", born=born,
                             region_code=first.region if rng.random() < 0.5 else None)
        for a, b in ((first, second), (second, first)):
            if b.mobile and a.phones and rng.random() < 0.7:
                a.emergency = (b.name, SPOUSE, b.mobile)
        return first, second

    def child(self, recorded: dt.date, father: NewPerson, mother_born: dt.date) -> NewPerson | None:
        """A child born when the younger parent was 22-38, not after today."""
        rng = self.rng
        younger = max(father.born, mother_born)
        earliest = younger.toordinal() + 22 * 365
        latest = min(younger.toordinal() + 38 * 365, self.today.toordinal() - 60)
        if latest < earliest:
            return None
        born = dt.date.fromordinal(rng.randint(earliest, latest))
        return self.person(max(recorded, born + dt.timedelta(days=60)), born=born, family_name=father.surname,
                           region_code=father.region)

    def parent(self, recorded: dt.date, of: NewPerson) -> NewPerson | None:
        """A parent 22-35 years older, alive and under 95."""
        rng = self.rng
        born = dt.date.fromordinal(of.born.toordinal() - rng.randint(22 * 365, 35 * 365))
        if born.year < self.today.year - 95:
            return None
        gender = rng.choice("MF")
        return self.person(recorded, gender=gender, born=born, region_code=of.region,
                           family_name=of.surname if gender == "M" else None)

    def car(self, person: NewPerson, space: str = "") -> list[str]:
        vehicle = [plate(self.rng, self.used_plates), space,
                   self.rng.choice(CAR_NOTES) if self.rng.random() < 0.3 else ""]
        person.vehicles.append(vehicle)
        return vehicle
