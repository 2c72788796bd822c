//! Tables that people open in a spreadsheet: a header and rows of typed cells, written as CSV
//! (UTF-8 with a byte-order mark, so LibreOffice and Excel detect the encoding) or as an XLSX
//! workbook (`rust_xlsxwriter`) from the same [`Table`], so that an export's two files cannot
//! disagree. An export builds its `Table` once and answers either address with
//! [`Table::download`]:
//!
//! ```ignore
//! Ok(pipeline_table(&eco, locale).download(SheetFormat::Xlsx, "maillage-pipeline")?)
//! ```

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::error::ApiError;

/// One cell: text, or a number, or a truth value that a spreadsheet can sort and sum.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Integer(i64),
    /// A decimal shown with two decimals (`12.50` in the CSV, `0.00` format in the workbook).
    Decimal(f64),
    Bool(bool),
    Empty,
}

impl From<String> for Cell {
    fn from(value: String) -> Self {
        Cell::Text(value)
    }
}

impl From<&str> for Cell {
    fn from(value: &str) -> Self {
        Cell::Text(value.to_owned())
    }
}

impl From<bool> for Cell {
    fn from(value: bool) -> Self {
        Cell::Bool(value)
    }
}

impl From<f64> for Cell {
    fn from(value: f64) -> Self {
        Cell::Decimal(value)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Self {
        value.map_or(Cell::Empty, Into::into)
    }
}

impl Cell {
    /// The cell as CSV text: numbers with a decimal point (CSV has no locale), truth values as
    /// `true`/`false`.
    fn csv_text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Integer(n) => n.to_string(),
            Cell::Decimal(x) => format!("{x:.2}"),
            Cell::Bool(b) => b.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// The two files of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

impl SheetFormat {
    pub fn media_type(self) -> &'static str {
        match self {
            SheetFormat::Csv => "text/csv; charset=utf-8",
            SheetFormat::Xlsx => XLSX_MEDIA_TYPE,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            SheetFormat::Csv => "csv",
            SheetFormat::Xlsx => "xlsx",
        }
    }
}

/// The media type of an XLSX workbook (ECMA-376, Office Open XML).
pub const XLSX_MEDIA_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Why a table could not be written (a fault of ours, never of the request).
#[derive(Debug, thiserror::Error)]
pub enum SpreadsheetError {
    #[error("cannot write CSV")]
    Csv(#[source] csv::Error),
    #[error("cannot write XLSX")]
    Xlsx(#[source] XlsxError),
}

impl From<SpreadsheetError> for ApiError {
    fn from(error: SpreadsheetError) -> Self {
        let detail = match &error {
            SpreadsheetError::Csv(e) => format!("{error}: {e}"),
            SpreadsheetError::Xlsx(e) => format!("{error}: {e}"),
        };
        ApiError::internal(detail)
    }
}

/// A header and its rows, and the name of the workbook's sheet.
#[derive(Debug, Clone)]
pub struct Table {
    sheet: String,
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table. `sheet` names the workbook's one sheet (at most 31 characters, none of
    /// `[]:*?/\`, as Excel requires).
    pub fn new<H: Into<String>>(sheet: &str, header: impl IntoIterator<Item = H>) -> Self {
        Table {
            sheet: sheet.to_owned(),
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (one cell per column of the header).
    pub fn push<C: Into<Cell>>(&mut self, row: impl IntoIterator<Item = C>) {
        self.rows.push(row.into_iter().map(Into::into).collect());
    }

    pub fn header(&self) -> &[String] {
        &self.header
    }

    pub fn rows(&self) -> &[Vec<Cell>] {
        &self.rows
    }

    /// The table as CSV: UTF-8 with a byte-order mark, comma-separated, the header row then one
    /// record per row.
    pub fn csv(&self) -> Result<Vec<u8>, SpreadsheetError> {
        let mut out = Vec::from("\u{feff}".as_bytes());
        {
            let mut writer = csv::Writer::from_writer(&mut out);
            writer
                .write_record(&self.header)
                .map_err(SpreadsheetError::Csv)?;
            for row in &self.rows {
                writer
                    .write_record(row.iter().map(Cell::csv_text))
                    .map_err(SpreadsheetError::Csv)?;
            }
            writer
                .flush()
                .map_err(|e| SpreadsheetError::Csv(e.into()))?;
        }
        Ok(out)
    }

    /// The table as an XLSX workbook of one sheet: the header in bold, frozen and filterable,
    /// numbers and truth values as such (a spreadsheet sorts and sums them), text as text (never
    /// a formula, whatever it starts with), columns fitted to their content.
    pub fn xlsx(&self) -> Result<Vec<u8>, SpreadsheetError> {
        self.write_xlsx().map_err(SpreadsheetError::Xlsx)
    }

    fn write_xlsx(&self) -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        let bold = Format::new().set_bold();
        let decimal = Format::new().set_num_format("0.00");
        let sheet = workbook.add_worksheet();
        sheet.set_name(&self.sheet)?;
        for (col, title) in (0u16..).zip(&self.header) {
            sheet.write_string_with_format(0, col, title, &bold)?;
        }
        for (row, cells) in (1u32..).zip(&self.rows) {
            for (col, cell) in (0u16..).zip(cells) {
                match cell {
                    Cell::Text(text) if text.is_empty() => {}
                    Cell::Text(text) => {
                        sheet.write_string(row, col, text)?;
                    }
                    // Integers beyond 2^53 lose precision, as a spreadsheet's numbers do.
                    Cell::Integer(n) => {
                        sheet.write_number(row, col, *n as f64)?;
                    }
                    Cell::Decimal(x) => {
                        sheet.write_number_with_format(row, col, *x, &decimal)?;
                    }
                    Cell::Bool(b) => {
                        sheet.write_boolean(row, col, *b)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        if let Some(last) = u16::try_from(self.header.len())
            .ok()
            .and_then(|n| n.checked_sub(1))
        {
            let last_row = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
            sheet.set_freeze_panes(1, 0)?;
            sheet.autofilter(0, 0, last_row, last)?;
        }
        sheet.autofit();
        workbook.save_to_buffer()
    }

    /// The table as a file of `format`.
    pub fn bytes(&self, format: SheetFormat) -> Result<Vec<u8>, SpreadsheetError> {
        match format {
            SheetFormat::Csv => self.csv(),
            SheetFormat::Xlsx => self.xlsx(),
        }
    }

    /// The answer of an export route: the table as a file of `format`, an attachment named
    /// `file_stem` with the format's extension.
    pub fn download(&self, format: SheetFormat, file_stem: &str) -> Result<Response, ApiError> {
        let body = self.bytes(format)?;
        Ok(attachment(
            body,
            format.media_type(),
            &format!("{file_stem}.{}", format.extension()),
        ))
    }
}

/// A body as a download: its media type and `Content-Disposition: attachment`.
pub(crate) fn attachment(body: Vec<u8>, media_type: &'static str, file_name: &str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut table = Table::new("Essai", ["nom", "montant", "rang", "zem", "note"]);
        table.push([
            Cell::from("Université Laval"),
            Cell::Decimal(1.5),
            Cell::Integer(2),
            Cell::Bool(true),
            Cell::from("=1+1, « guillemets »"),
        ]);
        table.push([
            Cell::from(""),
            Cell::from(None::<f64>),
            Cell::Empty,
            Cell::Bool(false),
            Cell::from("ligne\nsuivante"),
        ]);
        table
    }

    #[test]
    fn csv_is_utf8_with_a_bom_and_a_header() {
        let csv = String::from_utf8(table().csv().expect("csv")).expect("UTF-8");
        assert_eq!(
            csv,
            "\u{feff}nom,montant,rang,zem,note\n\
             Université Laval,1.50,2,true,\"=1+1, « guillemets »\"\n\
             ,,,false,\"ligne\nsuivante\"\n"
        );
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let xlsx = table().xlsx().expect("xlsx");
        assert!(xlsx.starts_with(b"PK\x03\x04"), "a ZIP container");
    }

    #[test]
    fn a_bad_sheet_name_is_an_error_not_a_panic() {
        let table = Table::new("a/b", ["x"]);
        assert!(matches!(table.xlsx(), Err(SpreadsheetError::Xlsx(_))));
    }
}
