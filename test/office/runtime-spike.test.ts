/**
 * The spike of issue #15, kept as a test: Microsoft's Excel JavaScript client library
 * (`@microsoft/office-js`, dist/excel-web-16.00.debug.js) runs in a Node `vm` context; a
 * RequestContext made with a URL sends each `context.sync()` as one `ProcessQuery` request
 * through `OfficeExtension.HttpUtility.setCustomSendRequestFunc`, expects
 * `{"Results":[{"ActionId":…,"Value":…}]}` back (PascalCase names, collections as `_Items`),
 * and throws its own PropertyNotLoaded for a property that was not loaded.
 */
import * as fs from "fs";
import * as vm from "vm";

const LIBRARY = require.resolve("@microsoft/office-js/dist/excel-web-16.00.debug.js");

test("the Excel client library runs in Node and speaks ProcessQuery", async () => {
  const element = () => ({ style: {}, setAttribute() {}, appendChild() {}, addEventListener() {}, getElementsByTagName: () => [] });
  const document = { getElementById: () => null, getElementsByTagName: () => [], createElement: element, addEventListener() {}, readyState: "complete", cookie: "", body: element(), head: element(), documentElement: element() };
  const g: Record<string, unknown> = { console, setTimeout, clearTimeout, setInterval, clearInterval, Promise, document, navigator: { userAgent: "node" }, location: { href: "https://simulator.invalid/", search: "", hash: "" }, addEventListener() {}, removeEventListener() {} };
  g.window = g.self = g;
  vm.createContext(g);
  vm.runInContext(fs.readFileSync(LIBRARY, "utf8"), g, { filename: LIBRARY });
  const requests: { url: string; body: { Actions: { Id: number; ActionType: number; ObjectPathId: number; QueryInfo?: { Select: string[] } }[]; ObjectPaths: Record<string, { ObjectPathType: number; Name: string; ArgumentInfo?: { Arguments: unknown[] } }> } }[] = [];
  const oe = g.OfficeExtension as { HttpUtility: { setCustomSendRequestFunc(f: (r: { url: string; body: unknown }) => Promise<unknown>): void } };
  oe.HttpUtility.setCustomSendRequestFunc(async (request) => {
    const body = (typeof request.body === "string" ? JSON.parse(request.body) : request.body) as (typeof requests)[number]["body"];
    requests.push({ url: request.url, body });
    const results = body.Actions.filter((a) => a.ActionType === 2).map((a) =>
      body.ObjectPaths[a.ObjectPathId].Name === "Worksheets" ? { ActionId: a.Id, Value: { _Items: [{ Name: "Sheet1", Id: "{1}" }] } } : { ActionId: a.Id, Value: { Values: [[1, 2], [3, 4]], Address: "Sheet1!A1:B2" } },
    );
    return { statusCode: 200, headers: {}, body: JSON.stringify({ Results: results }) };
  });
  const context = new (g.Excel as typeof Excel).RequestContext("https://simulator.invalid/");
  const sheets = context.workbook.worksheets.load("items/name,items/id");
  const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").load("values,address");
  await context.sync();
  expect(requests).toHaveLength(1);
  expect(requests[0].url).toMatch(/^https:\/\/simulator\.invalid\/ProcessQuery\?flags=\d+$/);
  expect(Object.values(requests[0].body.ObjectPaths).map((p) => [p.ObjectPathType, p.Name, p.ArgumentInfo?.Arguments])).toEqual([[1, "", undefined], [4, "Worksheets", undefined], [5, "", ["Sheet1"]], [3, "GetRange", ["A1:B2"]]]);
  expect(requests[0].body.Actions.filter((a) => a.ActionType === 2).map((a) => a.QueryInfo!.Select)).toEqual([["name", "id"], ["values", "address"]]);
  expect(sheets.items.map((s) => [s.name, s.id])).toEqual([["Sheet1", "{1}"]]);
  expect([range.values, range.address]).toEqual([[[1, 2], [3, 4]], "Sheet1!A1:B2"]);
  expect(() => range.formulas).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
});
