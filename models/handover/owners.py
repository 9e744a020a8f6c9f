"""The handover records that take attachments (models/attachments.py): a defect's photos, a vacant-room
inspection's photos, the signed handover form scanned back."""
from models.attachments import Owner, register_owner


def _exists(model_name: str):
    def exists(owner_id: int) -> bool:
        from models.handover import tables
        model = getattr(tables, model_name)
        return model.select().where(model.id == owner_id).exists()
    return exists


register_owner(Owner("handover_defect", "Defect found at handover", "handover.defects", _exists("Defect")))
register_owner(Owner("vacant_inspection", "Vacant-room inspection", "vacant.inspect", _exists("VacantInspection")))
register_owner(Owner("handover", "Handover", "handover.do", _exists("Handover")))
