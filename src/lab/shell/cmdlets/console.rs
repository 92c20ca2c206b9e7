//! Console and pipeline cmdlets: Format-List (`fl`), Out-Null, Clear-Host (`cls`, `clear`).

use super::{Call, CmdletResult};

/// Passes objects on; the list output is what the shell prints anyway.
pub(super) fn format_list(call: Call<'_>) -> CmdletResult {
    Ok(call.input.into_iter().collect())
}

pub(super) fn out_null(_: Call<'_>) -> CmdletResult {
    Ok(Vec::new())
}

/// The console clears before this line's output.
pub(super) fn clear_host(call: Call<'_>) -> CmdletResult {
    call.result.clears = true;
    call.result.lines.clear();
    Ok(Vec::new())
}
