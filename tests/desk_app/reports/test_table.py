from desk_app.reports.table import TableColumn, narrow_text_columns


def test_a_blank_column_is_not_called_too_narrow_to_read():
    columns = [TableColumn("制度名称", 10), TableColumn("备注", 4), TableColumn("日期", 6, "c", whole=True)]
    widths = [30.0, 30.0, 30.0]  # two or three characters a line at 9 pt
    filled = [["《党组工作规则》", "已报市活动办备案", "2026年12月31日"]]
    assert narrow_text_columns(columns, widths, 9.0, filled) == ["制度名称", "备注"]
    blank_notes = [["《党组工作规则》", "", "2026年12月31日"], ["《督查督办工作办法》", "  ", ""]]
    assert narrow_text_columns(columns, widths, 9.0, blank_notes) == ["制度名称"]  # nobody wrote a 备注
