"""Listings files in the encodings people's spreadsheets save, for ListingEncodingEndToEndTests.

Encoded by Python's own codecs (an independent reference for sunspot's iconv decoding):
  listings-gb18030.csv  GB18030, what Excel on Chinese Windows saves as "CSV (逗号分隔)"
  listings-utf8-bom.csv UTF-8 with a byte order mark ("CSV UTF-8")
  listings-utf16.csv    UTF-16 LE with a BOM ("Unicode text"), which sunspot refuses
  listings-latin1.csv   Latin-1 bytes that are neither UTF-8 nor GB18030, refused
The expected titles are in listings-expected.json (UTF-8). Run: python3 make_listing_encodings.py
"""
import json
import pathlib

here = pathlib.Path(__file__).parent
rows = [
    ("E-1", "3", "5", "east", "3号楼 5层 东户 两室一厅", "上海市黄浦区示例路 88 弄 3 号 502 室"),
    ("E-2", "1", "1", "west", "1号楼 1层 西户 带院・朝南", "上海市黄浦区示例路 88 弄 1 号 102 室"),
]
text = "listing,scene,building,floor,unit,title,address\n" + "".join(
    f"{l},sample-compound.json,{b},{f},{u},{t},{a}\n" for l, b, f, u, t, a in rows)
(here / "listings-gb18030.csv").write_bytes(text.encode("gb18030"))
(here / "listings-utf8-bom.csv").write_bytes(text.encode("utf-8-sig"))
(here / "listings-utf16.csv").write_bytes(text.encode("utf-16"))
latin = "listing,scene,building,floor,unit,title\nL-1,sample-compound.json,3,5,east,Caf\u00e9\n"
(here / "listings-latin1.csv").write_bytes(latin.encode("latin-1"))
(here / "listings-expected.json").write_text(
    json.dumps({l: {"title": t, "address": a} for l, _, _, _, t, a in rows}, ensure_ascii=False, indent=2) + "\n",
    encoding="utf-8")
