/**
 * ExcelApi 1.18's notes (`Worksheet.notes`, `NoteCollection`, `Note`) for the npm build of
 * the Excel client library, which stops at ExcelApi 1.15 and has no note classes (the CDN
 * build has them). Written the way the library writes its own `CommentCollection` and
 * `Comment` (the same `OfficeExtension.BatchApiHelper` calls, so the same object paths,
 * actions and PropertyNotLoaded checks), with the members of @types/office-js. The wire
 * names follow the library's generated pattern (`Notes`, `Add`, `GetCount`, `GetItemAt`,
 * `GetItemOrNullObject`, `GetLocation`, `Delete`, `Content`, `Width`, `Height`): assumed,
 * not compared with the CDN build, which this machine cannot fetch.
 */
import type { RuntimeGlobals } from "./excel-simulator";

interface Helper {
  createPropertyObject(type: unknown, parent: unknown, name: string, isCollection: boolean, flags: number): unknown;
  createMethodObject(type: unknown, parent: unknown, name: string, operationType: number, args: unknown[], isCollection: boolean, isInvalidAfterRequest: boolean, getByIdMethodName: string | null, flags: number): unknown;
  createIndexerObject(type: unknown, parent: unknown, args: unknown[]): unknown;
  createChildItemObject(type: unknown, hasIndexer: boolean, parent: unknown, data: unknown, index: number): { _handleResult(v: unknown): void };
  invokeMethod(obj: unknown, name: string, operationType: number, args: unknown[], flags: number, resultProcessType: number): unknown;
  invokeSetProperty(obj: unknown, name: string, value: unknown, flags: number): void;
}

interface Utility {
  throwIfNotLoaded(name: string, value: unknown, type: string, isNull: boolean): void;
  load(obj: unknown, options: unknown): unknown;
  isNullOrUndefined(v: unknown): boolean;
  isUndefined(v: unknown): boolean;
  fixObjectPathIfNecessary(obj: unknown, value: unknown): void;
  throwIfApiNotSupported?(api: string, set: string, version: string, host: string): void;
}

const installed = new WeakSet<object>();

export function installNotesApi(runtime: RuntimeGlobals): void {
  const Excel = runtime.Excel as unknown as Record<string, unknown> & { Worksheet: { prototype: object }; Range: unknown };
  if (installed.has(Excel)) return;
  installed.add(Excel);
  const OE = runtime.OfficeExtension as unknown as { BatchApiHelper: Helper; Utility: Utility; ClientObject: new (...args: unknown[]) => object; Constants: { items: string }; CommonUtility: { throwIfApiNotSupported(api: string, set: string, version: string, host: string): void } };
  const H = OE.BatchApiHelper;
  const U = OE.Utility;
  const needs = (api: string): void => OE.CommonUtility.throwIfApiNotSupported(api, "ExcelApi", "1.18", "Excel");
  const ClientObject = OE.ClientObject;

  class Note extends ClientObject {
    _C?: string;
    _Au?: string;
    _W?: number;
    _H?: number;
    declare _isNull: boolean;
    get _className(): string {
      return "Note";
    }
    get _scalarPropertyNames(): string[] {
      return ["authorName", "content", "height", "width"];
    }
    get _scalarPropertyOriginalNames(): string[] {
      return ["AuthorName", "Content", "Height", "Width"];
    }
    get _scalarPropertyUpdateable(): boolean[] {
      return [false, true, true, true];
    }
    get _navigationPropertyNames(): string[] {
      return [];
    }
    get authorName(): string {
      U.throwIfNotLoaded("authorName", this._Au, "Note", this._isNull);
      return this._Au!;
    }
    get content(): string {
      U.throwIfNotLoaded("content", this._C, "Note", this._isNull);
      return this._C!;
    }
    set content(value: string) {
      this._C = value;
      H.invokeSetProperty(this, "Content", value, 0);
    }
    get width(): number {
      U.throwIfNotLoaded("width", this._W, "Note", this._isNull);
      return this._W!;
    }
    set width(value: number) {
      this._W = value;
      H.invokeSetProperty(this, "Width", value, 0);
    }
    get height(): number {
      U.throwIfNotLoaded("height", this._H, "Note", this._isNull);
      return this._H!;
    }
    set height(value: number) {
      this._H = value;
      H.invokeSetProperty(this, "Height", value, 0);
    }
    delete(): void {
      H.invokeMethod(this, "Delete", 0, [], 0, 0);
    }
    getLocation(): unknown {
      return H.createMethodObject(Excel.Range, this, "GetLocation", 1, [], false, true, null, 4);
    }
    load(options: unknown): unknown {
      return U.load(this, options);
    }
    _handleResult(value: Record<string, unknown> | null): void {
      (ClientObject.prototype as unknown as { _handleResult(v: unknown): void })._handleResult.call(this, value);
      if (U.isNullOrUndefined(value)) return;
      U.fixObjectPathIfNecessary(this, value);
      if (!U.isUndefined(value!.AuthorName)) this._Au = value!.AuthorName as string;
      if (!U.isUndefined(value!.Content)) this._C = value!.Content as string;
      if (!U.isUndefined(value!.Width)) this._W = value!.Width as number;
      if (!U.isUndefined(value!.Height)) this._H = value!.Height as number;
    }
  }

  class NoteCollection extends ClientObject {
    m__items?: unknown[];
    declare _isNull: boolean;
    get _className(): string {
      return "NoteCollection";
    }
    get _isCollection(): boolean {
      return true;
    }
    get items(): unknown[] {
      U.throwIfNotLoaded("items", this.m__items, "NoteCollection", this._isNull);
      return this.m__items!;
    }
    add(cellAddress: unknown, content: unknown): unknown {
      return H.createMethodObject(Note, this, "Add", 0, [cellAddress, content], false, true, null, 0);
    }
    getCount(): unknown {
      return H.invokeMethod(this, "GetCount", 1, [], 4, 0);
    }
    getItem(key: string): unknown {
      return H.createIndexerObject(Note, this, [key]);
    }
    getItemAt(index: number): unknown {
      return H.createMethodObject(Note, this, "GetItemAt", 1, [index], false, false, null, 4);
    }
    getItemOrNullObject(key: string): unknown {
      return H.createMethodObject(Note, this, "GetItemOrNullObject", 1, [key], false, false, null, 4);
    }
    load(options: unknown): unknown {
      return U.load(this, options);
    }
    _handleResult(value: Record<string, unknown> | null): void {
      (ClientObject.prototype as unknown as { _handleResult(v: unknown): void })._handleResult.call(this, value);
      if (U.isNullOrUndefined(value)) return;
      U.fixObjectPathIfNecessary(this, value);
      const data = value![OE.Constants.items] as unknown[] | undefined;
      if (!U.isNullOrUndefined(data)) {
        this.m__items = data!.map((d, i) => {
          const item = H.createChildItemObject(Note, true, this, d, i);
          item._handleResult(d);
          return item;
        });
      }
    }
  }

  Excel.Note = Note;
  Excel.NoteCollection = NoteCollection;
  Object.defineProperty(Excel.Worksheet.prototype, "notes", {
    get(this: { m_notes?: unknown }) {
      needs("Worksheet.notes");
      this.m_notes ??= H.createPropertyObject(NoteCollection, this, "Notes", true, 4);
      return this.m_notes;
    },
    enumerable: true,
    configurable: true,
  });
}
