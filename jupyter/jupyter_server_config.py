# The project's Jupyter configuration: `make lab` adds this folder to JUPYTER_CONFIG_PATH (your own
# ~/.jupyter settings still apply). Every save, by hand or autosave, writes the notebook without
# outputs, execution counts or kernel details, so opening and running a notebook leaves git clean.
c = get_config()  # noqa: F821 (defined by Jupyter when it loads this file)
c.ContentsManager.pre_save_hook = "latgale_stats.lab.strip_on_save"
