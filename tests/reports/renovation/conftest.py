"""Renovations to print, made through the renovation rules on the small estate (3-2-1202 owned by 张伟,
lived in; tests/domain/renovation/conftest.py): works going on with two workers (one with a photo),
a finding and its rectification notice, an application with many workers, a rejected one."""
import datetime as dt

import pytest

from models.renovation import deciding, inspections
from models.renovation.applying import ContractorInput, WorkerInput, submit_application
from models.renovation.inspections import InspectionInput, NoticeInput
from tests.domain.renovation.conftest import (TODAY, application, in_works, jpeg, lived_in,  # noqa: F401
                                              submitted)

LONG_CONTRACTOR = "深圳市前海新区安居乐业建筑装饰设计工程有限公司第二分公司"
LONG_FINDING = ("卫生间防水层未做闭水试验即开始铺贴墙地砖，且厨房排烟管道被擅自移位，"
                "公共走廊堆放水泥沙石等装修材料约两立方米，影响邻居通行及消防安全。")
# Eighteen-digit IDs with right check digits, for the many workers of a big job.
MANY_IDS = ("110101199003077774", "440304198512120023", "11010519491231002X", "110101199001020010",
            "110101199001030024", "110101199001040038", "110101199001050041", "110101199001060055",
            "110101199001070069", "110101199001080072")


def finding(inspector, renovation, text="公共走廊堆放装修材料，影响通行", at=None):
    """An inspection that found something wrong."""
    return inspections.record_inspection(inspector, InspectionInput(
        renovation.id, passed=False, findings=text, at=at or dt.datetime.now().replace(microsecond=0)))


def notice_for_finding(inspector, renovation, text="公共走廊堆放装修材料，影响通行", rule="第十二条 不得占用公共通道堆放材料",
                       required="当日内清理走廊材料，恢复通道畅通", days=3, **changes):
    seen = finding(inspector, renovation, text)
    return inspections.issue_notice(inspector, NoticeInput(seen.id, rule, required, TODAY + dt.timedelta(days=days),
                                                           **changes))


def photo_jpeg(n: int) -> bytes:
    """A different one-inch photo for each worker (a colour of its own)."""
    return jpeg((295, 413), (60 + 19 * n % 180, 120 + 7 * n % 120, 200 - 11 * n % 150))


@pytest.fixture
def notice(in_works, clerk):
    return notice_for_finding(clerk, in_works)


@pytest.fixture
def many_workers(estate, clerk, engineer):
    """Room 3-2-1201 (张伟's, let to 李娜): ten workers of a contractor with a long name, all with photos
    (two sheets of passes), approved."""
    workers = [WorkerInput(name, number, photo=photo_jpeg(i)) for i, (name, number) in enumerate(zip(
        ("刘师傅", "黄师傅", "欧阳建华", "李四", "王五", "赵六", "孙七", "周八", "吴九", "郑十"), MANY_IDS))]
    contractor = ContractorInput(LONG_CONTRACTOR, "91440300MA5F8XYZ2K", "D244099999", "欧阳建华", "13798765432")
    renovation = submit_application(clerk, application(estate, room_id=estate["rooms"][0].id, workers=workers,
                                                       contractor=contractor))
    return deciding.approve(engineer, renovation.id, "按图施工，不得改动燃气管道")


@pytest.fixture
def rejected(submitted, engineer):  # noqa: F811
    return deciding.reject(engineer, submitted.id, "未提交施工图纸")
