"""Plain SQL on a unit of work's DBAPI connection, for the few statements every turn runs.

SQLAlchemy's execution path (cache key, execution context, events, result objects) costs more
than SQLite takes to run one of these statements, and a turn pays it with the write lock held.
So the turn's statements are written once, put in each engine's parameter style once, their
values converted by the columns' own types (UTCDateTime, JSON) and run on the cursor; a DBAPI
error goes through SQLAlchemy's own handling (a lost connection invalidates the pool; callers
see the same IntegrityError or OperationalError as from any other statement).
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Mapping, Sequence

from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.types import TypeEngine

_NAMED = re.compile(r"(?<![:\w]):(\w+)")
Processor = Callable[[Any], Any]


class Statement:
    """One SQL text with `:name` parameters; `binds` names the parameters that need their
    column type's conversion, `types` the result columns' types, in order."""

    def __init__(self, sql: str, binds: Mapping[str, TypeEngine[Any]] | None = None,
                 types: Sequence[TypeEngine[Any] | None] = ()):
        self.sql = " ".join(sql.split())
        self.binds = dict(binds or {})
        self.types = list(types)
        self._prepared: dict[str, tuple[str, list[tuple[str, Processor]],
                                        list[tuple[int, Processor]]]] = {}

    def prepared(self, dialect: Dialect) -> tuple[str, list[tuple[str, Processor]],
                                                  list[tuple[int, Processor]]]:
        found = self._prepared.get(dialect.name)
        if found is None:
            if dialect.name == "sqlite":
                sql = self.sql                                # sqlite3 takes :name itself
            elif dialect.paramstyle == "pyformat":
                sql = _NAMED.sub(r"%(\1)s", self.sql.replace("%", "%%"))
            else:
                raise NotImplementedError(f"no plain statements for {dialect.name}")
            binds = [(name, p) for name, typ in self.binds.items()
                     if (p := typ.dialect_impl(dialect).bind_processor(dialect)) is not None]
            results = [(i, p) for i, typ in enumerate(self.types) if typ is not None
                       and (p := typ.dialect_impl(dialect).result_processor(dialect, None))
                       is not None]
            found = self._prepared.setdefault(dialect.name, (sql, binds, results))
        return found


class Runner:
    """Runs Statements on one SQLAlchemy connection's DBAPI connection (in its transaction)."""

    def __init__(self, connection: Connection):
        self.connection = connection
        self.dialect = connection.dialect
        self._dbapi = connection.connection.driver_connection

    def _execute(self, statement: Statement, params: Mapping[str, Any] | Sequence[Mapping[str, Any]],
                 many: bool = False) -> Any:
        sql, binds, _ = statement.prepared(self.dialect)
        if many:
            values: Any = [self._convert(row, binds) for row in params]   # type: ignore[union-attr]
        else:
            values = self._convert(params, binds)                        # type: ignore[arg-type]
        cursor = self._dbapi.cursor()
        try:
            if many:
                cursor.executemany(sql, values)
            else:
                cursor.execute(sql, values)
        except Exception as exc:  # noqa: BLE001 - SQLAlchemy's handling, as for any statement
            self.connection._handle_dbapi_exception(exc, sql, values, cursor, None)
        return cursor

    @staticmethod
    def _convert(params: Mapping[str, Any], binds: list[tuple[str, Processor]]) -> dict[str, Any]:
        values = dict(params)
        for name, process in binds:
            values[name] = process(values[name])
        return values

    def rows(self, statement: Statement, params: Mapping[str, Any]) -> list[list[Any]]:
        """All result rows, each a list of converted values."""
        cursor = self._execute(statement, params)
        try:
            fetched = cursor.fetchall()
        finally:
            cursor.close()
        _, _, results = statement.prepared(self.dialect)
        rows = [list(row) for row in fetched]
        for row in rows:
            for i, process in results:
                row[i] = process(row[i])
        return rows

    def first(self, statement: Statement, params: Mapping[str, Any]) -> list[Any] | None:
        found = self.rows(statement, params)
        return found[0] if found else None

    def scalar(self, statement: Statement, params: Mapping[str, Any]) -> Any:
        row = self.first(statement, params)
        return row[0] if row is not None else None

    def run(self, statement: Statement, params: Mapping[str, Any]) -> int:
        """Run a statement without results; the number of rows it changed."""
        cursor = self._execute(statement, params)
        try:
            return int(cursor.rowcount)
        finally:
            cursor.close()

    def run_many(self, statement: Statement, params: Sequence[Mapping[str, Any]]) -> None:
        if params:
            self._execute(statement, params, many=True).close()

    def run_later(self, statement: Statement, params: Mapping[str, Any]) -> Callable[[], int]:
        """Run a statement without results; the returned function gives the number of rows
        it changed, once known (inside `batch`, after the block)."""
        cursor = self._execute(statement, params)
        return lambda: int(cursor.rowcount)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Statements without results run inside are sent together where the driver can:
        psycopg's pipeline mode, one round trip at the end of the block instead of one per
        statement. A statement's error is raised at the end of the block (as SQLAlchemy's
        exception, like any other). On SQLite (no round trips) it changes nothing."""
        if self.dialect.name != "postgresql":
            yield
            return
        try:
            with self._dbapi.pipeline():
                yield
        except self.dialect.loaded_dbapi.Error as exc:
            self.connection._handle_dbapi_exception(exc, "(pipelined statements)", {}, None,
                                                    None)
