// Validates rendered Kubernetes manifests (a multi-document YAML file) against the Kubernetes and
// KEDA schemas that the kubernetes-models packages ship (generated from the Kubernetes OpenAPI
// document and from KEDA's CRDs). Usage: node validate-manifests.mjs <file.yaml>
// Prints one line per manifest ("ok <kind> <name>" or "invalid <kind> <name>: <errors>") and
// exits 1 when any manifest is invalid or of a kind it has no schema for.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const [file] = process.argv.slice(2);
const docs = parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS()).filter((d) => d);
let failed = false;
for (const doc of docs) {
  const { apiVersion, kind } = doc;
  const name = doc.metadata?.name;
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const module = group && group.endsWith("keda.sh")
    ? `@kubernetes-models/keda/${group}/${version}/${kind}`
    : `kubernetes-models/${group ? group + "/" : ""}${version}/${kind}`;
  let Model;
  try {
    Model = (await import(module))[kind];
  } catch (e) {
    console.log(`invalid ${kind} ${name}: no schema for ${apiVersion} ${kind}`);
    failed = true;
    continue;
  }
  try {
    new Model(doc).validate();
    console.log(`ok ${kind} ${name}`);
  } catch (e) {
    console.log(`invalid ${kind} ${name}: ${e.message.replace(/\s+/g, " ")}`);
    failed = true;
  }
}
if (docs.length === 0) {
  console.log("no manifests");
  failed = true;
}
process.exit(failed ? 1 : 0);
