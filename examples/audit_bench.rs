//! Benchmark helpers for `chatia-socket audit` (see the README's `## Performance` section and
//! `scripts/bench.sh`):
//!
//! - `audit_bench tree DIR SCALE` writes a synthetic WhaTicket-lineage tree: SCALE times about
//!   1,500 files and 250,000 lines in the lineage's layout (migrations, models, services,
//!   controllers, routes, helpers, React components and pages, translations), where, as in the
//!   real codebases, about one file in eight emits or listens.
//! - `audit_bench dense DIR ENTITIES` writes the worst case: per entity ten files, eight of them
//!   with emits and listeners in the shapes real code uses, compliant and not.
//! - `audit_bench parse DIR` is an anchor: the same walk (`ignore`, same filters) and the same
//!   parser (oxc, same version, same thread count), parsing every file and doing nothing else.
//!
//! Deterministic: the same arguments always give the same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some(kind @ ("tree" | "dense")) => {
            let dir = PathBuf::from(args.get(1).expect("tree DIR SCALE | dense DIR ENTITIES"));
            let n = args.get(2).map_or(1, |n| n.parse().expect("a number"));
            let written = if kind == "tree" { lineage(n) } else { dense(n) };
            let (files, lines) = write_all(&dir, written);
            println!("{files} files, {lines} lines in {}", dir.display());
        }
        Some("parse") => {
            let dir = PathBuf::from(args.get(1).expect("parse DIR"));
            let (files, errors) = parse_all(&dir);
            println!("{files} files parsed, {errors} with errors");
        }
        _ => {
            eprintln!("usage: audit_bench tree DIR SCALE | audit_bench dense DIR ENTITIES | audit_bench parse DIR");
            std::process::exit(2);
        }
    }
}

fn parse_all(dir: &Path) -> (usize, usize) {
    let files = std::sync::Mutex::new(Vec::new());
    ignore::WalkBuilder::new(dir).require_git(false).build_parallel().run(|| {
        Box::new(|entry| {
            if let Ok(entry) = entry {
                if entry.file_type().is_some_and(|t| t.is_file()) && chatia_socket::audit::walk::is_source(entry.path()) {
                    files.lock().unwrap().push(entry.into_path());
                }
            }
            ignore::WalkState::Continue
        })
    });
    let files = files.into_inner().unwrap();
    let next = AtomicUsize::new(0);
    let errors = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut allocator = oxc_allocator::Allocator::default();
                while let Some(path) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let text = std::fs::read_to_string(path).unwrap();
                    allocator.reset();
                    let source_type = oxc_span::SourceType::from_path(path).unwrap_or_default().with_jsx(true);
                    let parsed = oxc_parser::Parser::new(&allocator, &text, source_type).parse();
                    if !parsed.errors.is_empty() {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    (files.len(), errors.into_inner())
}

const ENTITY_NAMES: [&str; 20] = [
    "Ticket",
    "Contact",
    "Queue",
    "Tag",
    "Campaign",
    "Schedule",
    "QuickMessage",
    "Whatsapp",
    "User",
    "Chat",
    "Announcement",
    "Prompt",
    "Integration",
    "File",
    "ContactList",
    "Invoice",
    "Plan",
    "Setting",
    "Rating",
    "Flow",
];

type Files = Vec<(String, String)>;

fn write_all(dir: &Path, files: Files) -> (usize, usize) {
    let mut lines = 0;
    for (path, text) in &files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        lines += text.lines().count();
        std::fs::write(path, text).unwrap();
    }
    (files.len(), lines)
}

/// The `i`th entity's name and resource: `Ticket`, …, `Ticket1`, … and `ticket1`.
fn entity(i: usize) -> (String, String) {
    let base = ENTITY_NAMES[i % ENTITY_NAMES.len()];
    let entity = if i < ENTITY_NAMES.len() {
        base.to_owned()
    } else {
        format!("{base}{}", i / ENTITY_NAMES.len())
    };
    let resource = heck::AsLowerCamelCase(&entity).to_string();
    (entity, resource)
}

fn dense(entities: usize) -> Files {
    (0..entities)
        .flat_map(|i| {
            let (entity, resource) = entity(i);
            dense_entity_files(i, &entity, &resource)
        })
        .collect()
}

/// Entities per unit of scale: each gives 20 files, the shared files give the other 300.
const LINEAGE_ENTITIES: usize = 60;

fn lineage(scale: usize) -> Files {
    let mut files = Files::new();
    for i in 0..LINEAGE_ENTITIES * scale {
        let (entity, resource) = entity(i);
        files.extend(lineage_entity_files(i, &entity, &resource));
    }
    for unit in 0..scale {
        files.extend(shared_files(unit));
    }
    files
}

/// One entity as the lineage lays it out: two in three emit from their create, update and
/// delete services, one in three from a controller, one in three lists and one in three pages
/// listen; the rest of its 20 files never touch a socket.
fn lineage_entity_files(i: usize, entity: &str, resource: &str) -> Files {
    let services = format!("backend/src/services/{entity}Services");
    let emits = i % 3 != 2;
    let mut files = Files::new();
    for (k, (verb, action)) in [
        ("Create", "create"),
        ("Update", "update"),
        ("Delete", "delete"),
        ("List", ""),
        ("Show", ""),
        ("Find", ""),
        ("Sync", ""),
    ]
    .into_iter()
    .enumerate()
    {
        let emit = (emits && !action.is_empty()).then(|| emit(i * 7 + k, resource, action, resource));
        files.push((
            format!("{services}/{verb}{entity}Service.ts"),
            service(entity, resource, verb, emit, 18),
        ));
    }
    let controller_emit =
        (i.is_multiple_of(3)).then(|| format!("  const io = getIO();\n{}", emit(i, resource, "update", "record")));
    files.push((
        format!("backend/src/controllers/{entity}Controller.ts"),
        controller(entity, controller_emit),
    ));
    files.push((format!("backend/src/routes/{resource}Routes.ts"), route(entity, resource)));
    files.push((format!("backend/src/models/{entity}.ts"), model(entity)));
    for k in 0..5 {
        files.push((
            format!("backend/src/database/migrations/{:05}-{k}-{resource}.ts", i),
            migration(entity, k),
        ));
    }
    for (kind, listens) in [
        ("List", i.is_multiple_of(3)),
        ("Page", i % 3 == 1),
        ("Modal", false),
        ("Select", false),
        ("Filter", false),
    ] {
        let dir = if kind == "Page" { "pages" } else { "components" };
        files.push((
            format!("frontend/src/{dir}/{entity}{kind}/index.js"),
            component(i, entity, resource, kind, listens),
        ));
    }
    files
}

/// What a codebase has once: the socket setup, translations, helpers (a few with streams and
/// EventEmitters, which look like sockets to grep), hooks, contexts and utilities.
fn shared_files(unit: usize) -> Files {
    let mut files = Files::new();
    files.push((format!("backend/src/libs{unit}/socket.ts"), SOCKET_SETUP.to_owned()));
    files.push((
        format!("frontend/src/context{unit}/Socket/SocketContext.js"),
        SOCKET_CONTEXT.to_owned(),
    ));
    for lang in ["pt", "en", "es"] {
        files.push((
            format!("frontend/src/translate{unit}/languages/{lang}.js"),
            translation(lang, 2000),
        ));
    }
    for k in 0..95 {
        files.push((format!("backend/src/helpers{unit}/Helper{k}.ts"), helper(k)));
    }
    for k in 0..50 {
        files.push((format!("frontend/src/hooks{unit}/useHook{k}/index.js"), hook(k)));
    }
    for k in 0..150 {
        files.push((
            format!("frontend/src/utils{unit}/util{k}.js"),
            format!(
                "{}\nexport default validateUtil{k}Field0;\n",
                js(padding(&format!("Util{k}"), 20))
            ),
        ));
    }
    files
}

const SOCKET_SETUP: &str = r#"import { Server as SocketIO } from "socket.io";
import { Server } from "http";
import { verify } from "jsonwebtoken";
import authConfig from "../config/auth";
import { logger } from "../utils/logger";

let io: SocketIO;

export const initIO = (httpServer: Server): SocketIO => {
  io = new SocketIO(httpServer, { cors: { origin: process.env.FRONTEND_URL } });
  const workspaces = io.of(/^\/workspace-\d+$/);
  workspaces.use((socket, next) => {
    try {
      const token = socket.handshake.auth.token;
      const decoded = verify(token, authConfig.secret) as { companyId: number };
      const companyId = Number(socket.nsp.name.split("-")[1]);
      if (decoded.companyId !== companyId) {
        return next(new Error("forbidden"));
      }
      socket.data.companyId = companyId;
      return next();
    } catch (err) {
      logger.warn("refused connection");
      return next(new Error("unauthorized"));
    }
  });
  workspaces.on("connection", socket => {
    socket.on("joinChatBox", (ticketId: string) => {
      socket.join(`ticket-${ticketId}`);
    });
  });
  return io;
};

export const getIO = (): SocketIO => io;

export const emitToCompanyNamespace = (companyId: number, event: string, payload: unknown): void => {
  io.of(`/workspace-${companyId}`).emit(event, payload);
};
"#;

const SOCKET_CONTEXT: &str = r#"import { createContext } from "react";
import openSocket from "socket.io-client";

const sockets = {};

const socketManager = {
  getSocket(companyId) {
    if (!sockets[companyId]) {
      const token = localStorage.getItem("token");
      sockets[companyId] = openSocket(`${process.env.REACT_APP_BACKEND_URL}/workspace-${companyId}`, {
        auth: { token: JSON.parse(token) }
      });
      sockets[companyId].on("disconnect", reason => console.log("socket disconnected", reason));
    }
    return sockets[companyId];
  }
};

const SocketContext = createContext();

export { SocketContext, socketManager };
"#;

fn translation(lang: &str, keys: usize) -> String {
    let mut text = format!("const messages = {{\n  {lang}: {{\n    translations: {{\n");
    for k in 0..keys {
        let _ = writeln!(
            text,
            "      key{k}: {{\n        title: \"Title {k} ({lang})\",\n        help: \"Help text {k}\",\n      }},"
        );
    }
    text.push_str("    },\n  },\n};\n\nexport { messages };\n");
    text
}

/// Helpers; one in twenty reads a stream or fires an EventEmitter, which no rule must take for
/// Socket.IO.
fn helper(k: usize) -> String {
    let extra = match k % 20 {
        0 => "\nexport const readAll = (stream: NodeJS.ReadableStream): Promise<string> =>\n  new Promise(resolve => {\n    let text = \"\";\n    stream.on(\"data\", chunk => { text += chunk; });\n    stream.on(\"end\", () => resolve(text));\n  });\n",
        10 => "\nimport { EventEmitter } from \"events\";\nexport const bus = new EventEmitter();\nexport const announce = (name: string): void => { bus.emit(\"announce\", name); };\n",
        _ => "",
    };
    format!(
        "{}{extra}\nexport default validateHelper{k}Field0;\n",
        padding(&format!("Helper{k}"), 16)
    )
}

fn hook(k: usize) -> String {
    format!(
        "import {{ useState, useEffect }} from \"react\";\nimport api from \"../../services/api\";\n\nconst useHook{k} = ({{ searchParam, pageNumber }}) => {{\n  const [loading, setLoading] = useState(true);\n  const [records, setRecords] = useState([]);\n  useEffect(() => {{\n    setLoading(true);\n    const delayDebounceFn = setTimeout(() => {{\n      api.get(\"/hook{k}\", {{ params: {{ searchParam, pageNumber }} }}).then(({{ data }}) => {{\n        setRecords(data.records);\n        setLoading(false);\n      }});\n    }}, 500);\n    return () => clearTimeout(delayDebounceFn);\n  }}, [searchParam, pageNumber]);\n  return {{ records, loading }};\n}};\n{}\nexport default useHook{k};\n",
        js(padding(&format!("Hook{k}"), 8))
    )
}

fn route(entity: &str, resource: &str) -> String {
    format!(
        "import express from \"express\";\nimport isAuth from \"../middleware/isAuth\";\nimport * as {entity}Controller from \"../controllers/{entity}Controller\";\n\nconst {resource}Routes = express.Router();\n\n{resource}Routes.get(\"/{resource}s\", isAuth, {entity}Controller.index);\n{resource}Routes.get(\"/{resource}s/:id\", isAuth, {entity}Controller.show);\n{resource}Routes.post(\"/{resource}s\", isAuth, {entity}Controller.store);\n{resource}Routes.put(\"/{resource}s/:id\", isAuth, {entity}Controller.update);\n{resource}Routes.delete(\"/{resource}s/:id\", isAuth, {entity}Controller.remove);\n\nexport default {resource}Routes;\n"
    )
}

fn migration(entity: &str, k: usize) -> String {
    format!(
        "import {{ QueryInterface, DataTypes }} from \"sequelize\";\n\nmodule.exports = {{\n  up: (queryInterface: QueryInterface) => {{\n    return Promise.all([\n      queryInterface.addColumn(\"{entity}s\", \"field{k}\", {{\n        type: DataTypes.STRING,\n        allowNull: true,\n        defaultValue: null\n      }}),\n      queryInterface.addColumn(\"{entity}s\", \"flag{k}\", {{\n        type: DataTypes.BOOLEAN,\n        allowNull: false,\n        defaultValue: false\n      }})\n    ]);\n  }},\n\n  down: (queryInterface: QueryInterface) => {{\n    return Promise.all([\n      queryInterface.removeColumn(\"{entity}s\", \"field{k}\"),\n      queryInterface.removeColumn(\"{entity}s\", \"flag{k}\")\n    ]);\n  }}\n}};\n"
    )
}

fn model(entity: &str) -> String {
    format!("import {{ Table, Column, Model }} from \"sequelize-typescript\";\n\n@Table\nclass {entity} extends Model<{entity}> {{\n  @Column\n  name: string;\n\n  @Column\n  status: string;\n\n  @Column\n  companyId: number;\n}}\n{}\nexport default {entity};\n", padding(entity, 4))
}

/// One emit, in one of the shapes WhaTicket-lineage code uses; about half are compliant.
fn emit(i: usize, resource: &str, action: &str, entity_var: &str) -> String {
    let full = format!(
        "{{\n      action: \"{action}\",\n      {entity_var},\n      companyId,\n      userId: requestUserId,\n      timestamp: new Date().toISOString()\n    }}"
    );
    let short = format!("{{\n      action: \"{action}\",\n      {entity_var}\n    }}");
    match i % 8 {
        0 => format!("  io.of(`/workspace-${{companyId}}`).emit(`company-${{companyId}}-{resource}`, {full});\n"),
        1 => format!("  io.of(String(companyId))\n    .to(`status-${{record.status}}`)\n    // .to(\"notification\")\n    .emit(`company-${{companyId}}-{resource}`, {short});\n"),
        2 => format!("  emitToCompanyNamespace(companyId, `company-${{companyId}}-{resource}`, {full});\n"),
        3 => format!("  io.to(record.status).to(\"notification\").emit(`company-${{companyId}}-{resource}`, {short});\n"),
        4 => format!("  const ns = io.of(`/workspace-${{companyId}}`);\n  ns.to(`{resource}-${{record.id}}`).emit(`company-${{companyId}}-{resource}`, {full});\n"),
        5 => format!("  io.emit(\"{resource}\", {short});\n"),
        6 => format!("  io.of(`/workspace-${{companyId}}`).volatile.emit(`company-${{record.companyId}}-{resource}`, {full});\n"),
        _ => format!("  // io.emit(\"{resource}\", {{}});\n  logger.info(`{resource} {action}d`, {{ companyId }});\n"),
    }
}

/// TypeScript padding made JavaScript, for the frontend's `.js` files.
fn js(padding: String) -> String {
    padding.replace("(value: unknown): boolean", "(value)")
}

fn padding(entity: &str, n: usize) -> String {
    let mut text = String::new();
    for k in 0..n {
        let _ = write!(
            text,
            "\nexport const validate{entity}Field{k} = (value: unknown): boolean => {{\n  if (value === null || value === undefined) {{\n    return false;\n  }}\n  const text = String(value).trim();\n  return text.length > 0 && text.length < {};\n}};\n",
            64 + k
        );
    }
    text
}

/// A service; with `emit`, it imports the socket and sends it after the update.
fn service(entity: &str, resource: &str, verb: &str, emit: Option<String>, padded: usize) -> String {
    let (import, emit) = match emit {
        Some(emit) => (
            "import { getIO, emitToCompanyNamespace } from \"../../libs/socket\";\n",
            format!("  const io = getIO();\n{emit}"),
        ),
        None => (
            "",
            format!("  logger.info(\"{resource} done\", {{ companyId, requestUserId }});\n"),
        ),
    };
    format!(
        r#"import * as Yup from "yup";
import {{ Op }} from "sequelize";
import AppError from "../../errors/AppError";
{import}import {entity} from "../../models/{entity}";
import {{ logger }} from "../../utils/logger";

interface Request {{
  id?: number | string;
  companyId: number;
  requestUserId: number;
  data?: Record<string, unknown>;
}}

const {verb}{entity}Service = async ({{ id, companyId, requestUserId, data = {{}} }}: Request): Promise<{entity}> => {{
  const schema = Yup.object().shape({{
    name: Yup.string().min(2, "ERR_{upper}_INVALID_NAME"),
    status: Yup.string().oneOf(["open", "pending", "closed"])
  }});
  try {{
    await schema.validate(data);
  }} catch (err: any) {{
    throw new AppError(err.message);
  }}

  const record = await {entity}.findOne({{
    where: {{ id, companyId, deletedAt: {{ [Op.is]: null }} }},
    include: ["company"]
  }});
  if (!record) {{
    throw new AppError("ERR_NO_{upper}_FOUND", 404);
  }}
  await record.update({{ ...data }});
  await record.reload();
  const {resource} = record;

{emit}
  return record;
}};
{padding}
export default {verb}{entity}Service;
"#,
        upper = entity.to_uppercase(),
        padding = padding(&format!("{verb}{entity}"), padded),
    )
}

/// A controller; with `emit`, its `update` sends it.
fn controller(entity: &str, emit: Option<String>) -> String {
    let import = if emit.is_some() {
        "import { getIO } from \"../libs/socket\";\n"
    } else {
        ""
    };
    let emit = emit.unwrap_or_default();
    let mut text = format!(
        "import {{ Request, Response }} from \"express\";\n{import}import Create{entity}Service from \"../services/{entity}Services/Create{entity}Service\";\nimport Update{entity}Service from \"../services/{entity}Services/Update{entity}Service\";\nimport Delete{entity}Service from \"../services/{entity}Services/Delete{entity}Service\";\n\n"
    );
    for verb in ["store", "update", "remove", "show", "index"] {
        let _ = write!(
            text,
            "export const {verb} = async (req: Request, res: Response): Promise<Response> => {{\n  const {{ companyId, id: requestUserId }} = req.user;\n  const {{ id }} = req.params;\n  const data = req.body;\n  const record = await Update{entity}Service({{ id, companyId, requestUserId, data }});\n{}  return res.status(200).json(record);\n}};\n\n",
            if verb == "update" { emit.as_str() } else { "" }
        );
    }
    text.push_str(&padding(&format!("{entity}Controller"), 10));
    text
}

/// A React list, modal or page; with `listens`, it subscribes to its resource's event.
fn component(i: usize, entity: &str, resource: &str, kind: &str, listens: bool) -> String {
    let listener = match i % 5 {
        0 => format!("    socket.on(`company-${{companyId}}-{resource}`, on{entity});\n    return () => {{\n      socket.off(`company-${{companyId}}-{resource}`, on{entity});\n    }};\n"),
        1 => format!("    socket.on(`company-${{companyId}}-{resource}`, on{entity});\n"),
        2 => format!("    socket.on(\"{resource}\", on{entity});\n    return () => socket.disconnect();\n"),
        3 => format!("    socket.on(`company-${{companyId}}-{resource}`, on{entity});\n    return () => {{\n      socket.off(`company-${{companyId}}-{resource}`);\n    }};\n"),
        _ => format!("    socket.on(\"connect\", () => socket.emit(\"joinTickets\", \"open\"));\n    socket.on(`company-${{companyId}}-{resource}`, on{entity});\n    return () => socket.off(`company-${{companyId}}-{resource}`, on{entity});\n"),
    };
    let (socket_import, socket_manager, effect) = if listens {
        (
            "import { SocketContext } from \"../../context/Socket/SocketContext\";\n",
            "  const socketManager = useContext(SocketContext);\n",
            format!("  useEffect(() => {{\n    const companyId = user.companyId;\n    const socket = socketManager.getSocket(companyId);\n    const on{entity} = data => {{\n      if (data.action === \"update\" || data.action === \"create\") {{\n        dispatch({{ type: \"UPDATE\", payload: data.{resource} }});\n      }}\n    }};\n{listener}  }}, [user, socketManager]);\n"),
        )
    } else {
        (
            "",
            "",
            format!("  useEffect(() => {{\n    document.title = `{entity} {kind} (${{user.name}})`;\n  }}, [user]);\n"),
        )
    };
    let mut rows = String::new();
    for k in 0..rows_of(kind) {
        let _ = write!(
            rows,
            "          <TableRow key={{`row-{k}-${{item.id}}`}}>\n            <TableCell align=\"center\">{{item.name}}</TableCell>\n            <TableCell align=\"center\">{{item.status}}</TableCell>\n          </TableRow>\n"
        );
    }
    format!(
        r#"import React, {{ useState, useEffect, useReducer, useContext }} from "react";
import {{ makeStyles }} from "@material-ui/core/styles";
import Table from "@material-ui/core/Table";
import TableRow from "@material-ui/core/TableRow";
import TableCell from "@material-ui/core/TableCell";
import api from "../../services/api";
import {{ AuthContext }} from "../../context/Auth/AuthContext";
{socket_import}
const useStyles = makeStyles(theme => ({{
  mainPaper: {{ flex: 1, padding: theme.spacing(1), overflowY: "scroll" }}
}}));

const reducer = (state, action) => {{
  if (action.type === "UPDATE") {{
    const index = state.findIndex(s => s.id === action.payload.id);
    if (index !== -1) {{
      state[index] = action.payload;
      return [...state];
    }}
    return [action.payload, ...state];
  }}
  if (action.type === "DELETE") {{
    return state.filter(s => s.id !== action.payload);
  }}
  return state;
}};

const {entity}{kind} = () => {{
  const classes = useStyles();
  const [items, dispatch] = useReducer(reducer, []);
  const [loading, setLoading] = useState(false);
  const {{ user }} = useContext(AuthContext);
{socket_manager}
  useEffect(() => {{
    setLoading(true);
    api.get("/{resource}s").then(({{ data }}) => {{
      data.records.forEach(record => dispatch({{ type: "UPDATE", payload: record }}));
      setLoading(false);
    }});
  }}, []);

{effect}
  return (
    <Table className={{classes.mainPaper}}>
      {{loading ? null : items.map(item => (
        <>
{rows}        </>
      ))}}
    </Table>
  );
}};

export default {entity}{kind};
"#
    )
}

/// The page's table is longer than a component's, as in the lineage's frontends.
fn rows_of(kind: &str) -> usize {
    if kind == "Page" {
        120
    } else {
        40
    }
}

/// The worst case: every service emits and every component listens.
fn dense_entity_files(i: usize, entity: &str, resource: &str) -> Files {
    let dir = format!("backend/src/services/{entity}Services");
    let mut files = Files::new();
    for (k, (verb, action)) in [
        ("Create", "create"),
        ("Update", "update"),
        ("Delete", "delete"),
        ("List", "update"),
        ("Show", "update"),
    ]
    .into_iter()
    .enumerate()
    {
        let emit = emit(i * 5 + k, resource, action, resource);
        files.push((
            format!("{dir}/{verb}{entity}Service.ts"),
            service(entity, resource, verb, Some(emit), 8),
        ));
    }
    files.push((
        format!("backend/src/controllers/{entity}Controller.ts"),
        controller(entity, None),
    ));
    for (k, (dir, kind)) in [("components", "List"), ("components", "Modal"), ("pages", "Page")]
        .into_iter()
        .enumerate()
    {
        files.push((
            format!("frontend/src/{dir}/{entity}{kind}/index.js"),
            component(i + k, entity, resource, kind, true),
        ));
    }
    files.push((format!("backend/src/models/{entity}.ts"), model(entity)));
    files
}
