"""A small estate for the renovation rules: room 3-2-1202 owned by 张伟 (lived in), a contractor and
two workers, a JPEG photo and a PDF licence (tests/conftest.py's estate)."""
import datetime as dt
import io

import pytest

TODAY = dt.date.today()
WORKER_IDS = ("110101199003077774", "440304198512120023", "11010519491231002X")
LICENCE = "91440300MA5F8XYZ1K"


def jpeg(size=(300, 400), colour=(200, 180, 160)) -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def pdf() -> bytes:
    from reportlab.pdfgen import canvas
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(100, 700, "licence")
    page.save()
    return out.getvalue()


def application(estate, **changes):
    """An owner's application for room 1202: walls and electrics, from today for 30 days, two workers."""
    from models.renovation.applying import ApplicationInput, ContractorInput, FeePayment, Paper, WorkerInput
    data = ApplicationInput(
        room_id=estate["rooms"][1].id, owner_id=estate["owner"].id, start_on=TODAY,
        end_on=TODAY + dt.timedelta(days=30), works=["walls", "electrics"],
        contractor=ContractorInput("深圳市安居装饰工程有限公司", LICENCE, "D244012345", "陈建国", "13612345678"),
        workers=[WorkerInput("刘师傅", WORKER_IDS[0], "13711112222", photo=jpeg()),
                 WorkerInput("黄师傅", WORKER_IDS[1])],
        papers=[Paper("营业执照", "licence.pdf", pdf())], fees=FeePayment("张伟", "cash"))
    for key, value in changes.items():
        setattr(data, key, value)
    return data


@pytest.fixture
def lived_in(estate, clerk):
    """Room 1202 owned by 张伟 since 2020 and lived in."""
    from models.records import people as p
    room = estate["rooms"][1]
    p.transfer_ownership(clerk, room.id, [estate["owner"].id], "2020-05-01", "粤房证2020-002")
    from models.records.estate import ROOM, Room
    from models.db import write_tx
    with write_tx():
        ROOM.move(clerk, Room.get_by_id(room.id), "move_in")
    return Room.get_by_id(room.id)


@pytest.fixture
def submitted(estate, lived_in, clerk):
    from models.renovation.applying import submit_application
    return submit_application(clerk, application(estate))


@pytest.fixture
def in_works(submitted, engineer, clerk):
    from models.renovation import deciding
    deciding.approve(engineer, submitted.id, "按图施工")
    deciding.owner_told(clerk, submitted.id, "电话")
    return deciding.start_works(clerk, submitted.id)
