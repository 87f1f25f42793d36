# stub: imported but unused by the notebook
