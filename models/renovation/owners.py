"""The renovation records that take attachments (models/attachments.py): the application's papers
(营业执照, 资质证书, 施工图纸, 业主委托书), each worker's one-inch photo, an inspection's photos, and an
escalation report's file."""
from models.attachments import Owner, register_owner


def _exists(model_name: str):
    def exists(owner_id: int) -> bool:
        from models.renovation import works
        model = getattr(works, model_name)
        return model.select().where(model.id == owner_id).exists()
    return exists


register_owner(Owner("renovation", "Renovation application", "renovation.apply", _exists("Renovation")))
register_owner(Owner("renovation_worker", "Renovation worker", "renovation.apply", _exists("Worker")))
register_owner(Owner("inspection", "Inspection", "renovation.inspect", _exists("Inspection")))
register_owner(Owner("escalation", "Escalation report", "renovation.escalate", _exists("Escalation")))
