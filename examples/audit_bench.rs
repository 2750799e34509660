//! Benchmark helpers for `chatia-socket audit` (see the README's `## audit` section and
//! `scripts/bench-audit.sh`):
//!
//! - `audit_bench gen DIR [ENTITIES]` writes a synthetic WhaTicket-sized tree: per entity a
//!   backend service set, controller, React list, modal and page (10 files), about 100 lines each,
//!   with compliant and non-compliant emits and listeners in the shapes real code uses.
//!   Deterministic: the same ENTITIES always gives the same bytes.
//! - `audit_bench parse DIR` is the anchor: the same walk (`ignore`, same filters) and the same
//!   parser (oxc, same version, same thread count), parsing every file and doing nothing else.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gen") => {
            let dir = PathBuf::from(args.get(1).expect("gen DIR [ENTITIES]"));
            let entities = args.get(2).map_or(200, |n| n.parse().expect("ENTITIES is a number"));
            let (files, lines) = generate(&dir, entities);
            println!("{files} files, {lines} lines in {}", dir.display());
        }
        Some("parse") => {
            let dir = PathBuf::from(args.get(1).expect("parse DIR"));
            let (files, errors) = parse_all(&dir);
            println!("{files} files parsed, {errors} with errors");
        }
        _ => {
            eprintln!("usage: audit_bench gen DIR [ENTITIES] | audit_bench parse DIR");
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

fn generate(dir: &Path, entities: usize) -> (usize, usize) {
    let mut files = 0;
    let mut lines = 0;
    for i in 0..entities {
        let base = ENTITY_NAMES[i % ENTITY_NAMES.len()];
        let entity = if i < ENTITY_NAMES.len() {
            base.to_owned()
        } else {
            format!("{base}{}", i / ENTITY_NAMES.len())
        };
        let resource = heck::AsLowerCamelCase(&entity).to_string();
        for (path, text) in entity_files(i, &entity, &resource) {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            lines += text.lines().count();
            files += 1;
            std::fs::write(path, text).unwrap();
        }
    }
    (files, lines)
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

fn service(i: usize, entity: &str, resource: &str, verb: &str, action: &str) -> String {
    format!(
        r#"import * as Yup from "yup";
import {{ Op }} from "sequelize";
import AppError from "../../errors/AppError";
import {{ getIO, emitToCompanyNamespace }} from "../../libs/socket";
import {entity} from "../../models/{entity}";
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

  const io = getIO();
{emit}
  return record;
}};
{padding}
export default {verb}{entity}Service;
"#,
        upper = entity.to_uppercase(),
        emit = emit(i, resource, action, resource),
        padding = padding(&format!("{verb}{entity}"), 8),
    )
}

fn controller(entity: &str) -> String {
    let mut text = format!(
        "import {{ Request, Response }} from \"express\";\nimport Create{entity}Service from \"../services/{entity}Services/Create{entity}Service\";\nimport Update{entity}Service from \"../services/{entity}Services/Update{entity}Service\";\nimport Delete{entity}Service from \"../services/{entity}Services/Delete{entity}Service\";\n\n"
    );
    for verb in ["store", "update", "remove", "show", "index"] {
        let _ = write!(
            text,
            "export const {verb} = async (req: Request, res: Response): Promise<Response> => {{\n  const {{ companyId, id: requestUserId }} = req.user;\n  const {{ id }} = req.params;\n  const data = req.body;\n  const record = await Update{entity}Service({{ id, companyId, requestUserId, data }});\n  return res.status(200).json(record);\n}};\n\n"
        );
    }
    text.push_str(&padding(&format!("{entity}Controller"), 6));
    text
}

fn component(i: usize, entity: &str, resource: &str, kind: &str) -> String {
    let listener = match i % 5 {
        0 => format!("    socket.on(`company-${{companyId}}-{resource}`, on{entity});\n    return () => {{\n      socket.off(`company-${{companyId}}-{resource}`, on{entity});\n    }};\n"),
        1 => format!("    socket.on(`company-${{companyId}}-{resource}`, on{entity});\n"),
        2 => format!("    socket.on(\"{resource}\", on{entity});\n    return () => socket.disconnect();\n"),
        3 => format!("    socket.on(`company-${{companyId}}-{resource}`, on{entity});\n    return () => {{\n      socket.off(`company-${{companyId}}-{resource}`);\n    }};\n"),
        _ => format!("    socket.on(\"connect\", () => socket.emit(\"joinTickets\", \"open\"));\n    socket.on(`company-${{companyId}}-{resource}`, on{entity});\n    return () => socket.off(`company-${{companyId}}-{resource}`, on{entity});\n"),
    };
    let mut rows = String::new();
    for k in 0..12 {
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
import {{ SocketContext }} from "../../context/Socket/SocketContext";

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
  const socketManager = useContext(SocketContext);

  useEffect(() => {{
    setLoading(true);
    api.get("/{resource}s").then(({{ data }}) => {{
      data.records.forEach(record => dispatch({{ type: "UPDATE", payload: record }}));
      setLoading(false);
    }});
  }}, []);

  useEffect(() => {{
    const companyId = user.companyId;
    const socket = socketManager.getSocket(companyId);
    const on{entity} = data => {{
      if (data.action === "update" || data.action === "create") {{
        dispatch({{ type: "UPDATE", payload: data.{resource} }});
      }}
    }};
{listener}  }}, [user, socketManager]);

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

fn entity_files(i: usize, entity: &str, resource: &str) -> Vec<(String, String)> {
    let dir = format!("backend/src/services/{entity}Services");
    let mut files = Vec::new();
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
        files.push((
            format!("{dir}/{verb}{entity}Service.ts"),
            service(i * 5 + k, entity, resource, verb, action),
        ));
    }
    files.push((format!("backend/src/controllers/{entity}Controller.ts"), controller(entity)));
    files.push((
        format!("frontend/src/components/{entity}List/index.js"),
        component(i, entity, resource, "List"),
    ));
    files.push((
        format!("frontend/src/components/{entity}Modal/index.js"),
        component(i + 1, entity, resource, "Modal"),
    ));
    files.push((
        format!("frontend/src/pages/{entity}s/index.js"),
        component(i + 2, entity, resource, "Page"),
    ));
    files.push((
        format!("backend/src/models/{entity}.ts"),
        format!("import {{ Table, Column, Model }} from \"sequelize-typescript\";\n\n@Table\nclass {entity} extends Model<{entity}> {{\n  @Column\n  name: string;\n\n  @Column\n  status: string;\n\n  @Column\n  companyId: number;\n}}\n{}\nexport default {entity};\n", padding(entity, 4)),
    ));
    files
}
