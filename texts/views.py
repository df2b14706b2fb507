from django.shortcuts import render

from accounts.roles import admin_required


@admin_required
def text_list(request):
    return render(request, "texts/text_list.html", {})


@admin_required
def text_upload(request):
    return render(request, "texts/text_list.html", {})
