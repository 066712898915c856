"""Review in a browser: packs a volunteer opens from an e-mail, the merge of their work, and a
local server that saves straight into the catalogues."""
