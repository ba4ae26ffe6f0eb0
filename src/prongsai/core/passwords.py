"""Django's password validators with messages in prongsai's catalogue.

Django's Thai catalogue leaves the validators' messages untranslated, so a refused password
would be explained in English on a Thai page. These subclasses keep Django's checks and
only say them in Thai source strings (English is the second catalogue). settings.py points
AUTH_PASSWORD_VALIDATORS at them.
"""

from django.contrib.auth import password_validation as django_validators
from django.utils.translation import gettext as _

MIN_LENGTH = 10


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def __init__(self, min_length: int = MIN_LENGTH) -> None:
        super().__init__(min_length=min_length)

    def get_error_message(self) -> str:
        # Formatted by ValidationError with the params the validator passes.
        return _("รหัสผ่านสั้นเกินไป ต้องยาวอย่างน้อย %(min_length)d ตัวอักษร")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องยาวอย่างน้อย %(min_length)d ตัวอักษร") % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("รหัสผ่านคล้ายกับ%(verbose_name)sของท่านมากเกินไป")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องไม่คล้ายกับชื่อผู้ใช้ อีเมล หรือชื่อของท่าน")


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("รหัสผ่านนี้มีคนใช้กันมาก เดาได้ง่าย")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องไม่ใช่รหัสผ่านที่มีคนใช้กันมาก")


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("รหัสผ่านเป็นตัวเลขล้วน")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องไม่เป็นตัวเลขล้วน")
